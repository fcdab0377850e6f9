"""rhythm's web service: managers set team rules, teams get plans, employees sync their week.

`create_app(test_config=None)` builds one app with everything attached to it (database,
solve queue, CSRF); nothing lives at module level, so each test gets a fresh app.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from . import auto_sync, config, db, jobs, language, retention, security, team_mail, throttle


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    settings = config.defaults()
    config.complete(settings, test_config)
    app.config.from_mapping(settings)
    if app.config["BEHIND_PROXY"]:
        # Trust one proxy's X-Forwarded-* so https and each client's own address are seen (HSTS,
        # secure cookies, webcal links, sign-in throttling). `rhythm serve` has waitress pass
        # them on only from RHYTHM_TRUSTED_PROXY (cli/serve_cmd.py), so nobody else can forge them.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    db.init_app(app)
    security.init_app(app)
    language.init_app(app)  # after security: an account's own language comes first
    csrf = CSRFProtect(app)
    jobs.init_app(app)
    throttle.init_app(app)
    retention.init_app(app)  # job payloads kept RHYTHM_JOB_RETENTION_DAYS
    _register_blueprints(app, csrf)
    team_mail.register(app)  # after each run of the weekly cycle: tell the team,
    auto_sync.register(app)  # then write it into the calendars of who opted in
    _register_commands(app)
    return app


def _register_blueprints(app: Flask, csrf: CSRFProtect) -> None:
    from . import errors
    from .views import (
        account,
        api,
        auth,
        calendars,
        cycle,
        home,
        invitations,
        meetings,
        member_data,
        members,
        org_planning,
        organisation,
        plans,
        recovery,
        report,
        signup,
        sync,
        teams,
        tokens,
        week,
    )

    for module in (auth, signup, recovery, account, invitations, home, teams, members, meetings, plans,
                   report, tokens, week, sync, calendars, member_data, org_planning, organisation, cycle):
        app.register_blueprint(module.bp)
    csrf.exempt(api.bp)  # the API authenticates with a bearer token, never with a cookie
    app.register_blueprint(api.bp)
    errors.init_app(app)


def _register_commands(app: Flask) -> None:
    @app.cli.command("upgrade-db")
    def upgrade_db() -> None:
        """Bring the database to the newest schema (rhythm serve does this on start)."""
        db.upgrade(app)
        print("database is up to date")
