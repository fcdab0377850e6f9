"""The plan that comes out: a solved model turned into the v1 plan (assemble), with reasons for
what it could not hold (explain), the rhythm and its exceptions, the changes since the plan in
use, and the plan's JSON form."""
