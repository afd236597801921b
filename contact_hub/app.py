"""The Flask application factory."""

from __future__ import annotations

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from contact_hub import logconfig
from contact_hub.bootstrap import Container, build
from contact_hub.settings import Settings
from contact_hub.web import api, errors, ops, pages, params
from contact_hub.web.admin import api as admin_api
from contact_hub.web.alerts.views import ESCALATION_BLUEPRINTS
from contact_hub.web.complaints import api as complaints_api
from contact_hub.web.customers import api as customers_api
from contact_hub.web.hazards import api as hazards_api
from contact_hub.web.homes import api as homes_api
from contact_hub.web.privacy import api as privacy_api
from contact_hub.web.queues import api as queues_api
from contact_hub.web.repairs import api as repairs_api
from contact_hub.web.reports import api as reports_api
from contact_hub.web.safety import api as safety_api
from contact_hub.web.webform.views import bp as webform_bp
from contact_hub.web.webhooks import meta as meta_webhooks
from contact_hub.web.webhooks import repairs as repairs_webhooks
from contact_hub.web.webhooks import twilio as twilio_webhooks
from contact_hub.web.webhooks import voice as voice_webhooks
from contact_hub.web.webhooks.graph import bp as graph_bp


def create_app(settings: Settings | None = None, container: Container | None = None) -> Flask:
    """Build the web app from settings (default: the environment) or a ready container."""
    if container is None:
        settings = settings or Settings.from_env()
        logconfig.configure(settings.log_level)
        container = build(settings)
    app = Flask(__name__, template_folder="web/templates", static_folder="web/static")
    app.config["MAX_CONTENT_LENGTH"] = container.settings.max_request_bytes
    app.extensions["contact_hub"] = container
    if container.settings.behind_proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    app.url_map.converters["int"] = params.DatabaseId  # every id in a URL: 1..2^31-1
    app.before_request(params.refuse_control_characters)
    errors.register(app, container.database_faults)
    pages.register(app, container.settings)
    app.register_blueprint(ops.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(queues_api.bp)
    app.register_blueprint(customers_api.bp)
    app.register_blueprint(privacy_api.bp)
    app.register_blueprint(homes_api.bp)
    app.register_blueprint(hazards_api.bp)
    app.register_blueprint(repairs_api.bp)
    app.register_blueprint(repairs_webhooks.bp)
    app.register_blueprint(safety_api.bp)
    app.register_blueprint(twilio_webhooks.bp)
    for blueprint in ESCALATION_BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.register_blueprint(voice_webhooks.bp)
    app.register_blueprint(complaints_api.bp)
    app.register_blueprint(meta_webhooks.bp)
    app.register_blueprint(graph_bp)
    app.register_blueprint(admin_api.bp)
    app.register_blueprint(webform_bp)
    app.register_blueprint(reports_api.bp)
    return app
