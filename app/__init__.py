"""Care and Support in Camden."""

from __future__ import annotations

import mimetypes
import os

from flask import Flask

from app import caching, errors, i18n, security, templating, translation_status
from app.config import config_for
from app.extensions import babel, csrf, db, htmx, limiter, login_manager, migrate

# ES modules must be served as JavaScript; not every system's mime.types knows .mjs.
mimetypes.add_type("text/javascript", ".mjs")


def create_app(env: str | None = None, overrides: dict | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    config = config_for(env)
    app.config.from_object(config)
    if overrides:
        app.config.update(overrides)
    if hasattr(config, "check"):
        config.check()
    # Read at start-up, not import time, so a key set after the config module was imported still counts.
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or os.environ.get("SECRET_KEY", "")
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("SECRET_KEY is not set")

    templating.init_app(app)
    i18n.init_app(app)
    translation_status.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(app.config["MIGRATIONS_DIR"]))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    htmx.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    security.init_app(app)

    from app.auth import models as _auth_models  # noqa: F401 - register tables with the metadata
    from app.content.service import init_app as init_content
    from app.directory import models as _directory_models  # noqa: F401
    from app.feedback import models as _feedback_models  # noqa: F401
    from app.plan import models as _plan_models  # noqa: F401
    from app.questionnaire import models as _questionnaire_models  # noqa: F401
    from app.search import models as _search_models  # noqa: F401

    init_content(app)
    _register_blueprints(app)
    errors.init_app(app)
    _register_commands(app)
    caching.init_app(app)  # last: its WSGI page cache wraps everything above
    return app


def _register_blueprints(app: Flask) -> None:
    from app.api.views import bp as api_bp
    from app.auth.admin_views import bp as admin_bp
    from app.auth.views import bp as auth_bp  # also sets up Flask-Login's user loader
    from app.directory.views import bp as directory_bp
    from app.feedback.views import bp as feedback_bp
    from app.pages.views import bp as pages_bp
    from app.plan.staff_views import bp as plan_editor_bp
    from app.plan.views import bp as plan_bp
    from app.questionnaire.staff_views import bp as questionnaire_staff_bp
    from app.questionnaire.views import bp as questionnaire_bp
    from app.search.views import bp as search_bp
    from app.shortlist.views import bp as shortlist_bp

    app.register_blueprint(pages_bp)
    app.register_blueprint(feedback_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(directory_bp)
    app.register_blueprint(search_bp)  # after directory_bp: reads the taxonomy; logs directory edits for the index
    app.register_blueprint(questionnaire_bp)  # after directory_bp: outcomes list services by taxonomy term
    app.register_blueprint(questionnaire_staff_bp)
    app.register_blueprint(plan_bp)  # after directory_bp: checks areas.yaml against the taxonomy
    app.register_blueprint(plan_editor_bp)
    app.register_blueprint(shortlist_bp)
    app.register_blueprint(api_bp)  # /api/v1/: the ORUK API (docs/api.md)


def _register_commands(app: Flask) -> None:
    from app.cli import register

    register(app)
