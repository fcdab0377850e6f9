"""Reading the v1 request: its JSON Schema, then one check per contract rule, into domain values."""

from scheduler.request.read import parse_request, read_request

__all__ = ["parse_request", "read_request"]
