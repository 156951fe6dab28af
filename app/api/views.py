"""The ORUK API's routes: parse and check the query (app/api/params.py), read (app/api/queries.py), shape the
response (app/api/documents.py). Paths, parameters and envelopes follow the shipped open_api.json; docs/api.md
lists what we support and how we differ.

/api/... is outside the /<lang>/ scheme and kebab-case by convention: these paths are the standard's.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from app.api import documents, errors, params, queries
from app.api.errors import ApiError, not_found
from app.api.serialise import API_DETAILS
from app.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api")
v1 = Blueprint("v1", __name__, url_prefix="/v1")
errors.register(bp)
csrf.exempt(bp)  # read-only: no request changes anything, and other sites' pages may call it
EVERY_METHOD = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
READ_METHODS = "GET, HEAD, OPTIONS"


@bp.after_request
def open_to_every_origin(response):
    # Open data: any web page may read it (no cookies or credentials are involved).
    if request.method == "OPTIONS":  # a CORS preflight, or a client asking what it may do
        response = current_app.response_class(status=204)
        del response.headers["Content-Type"]  # no body
        response.headers["Allow"] = response.headers["Access-Control-Allow-Methods"] = READ_METHODS
        response.headers["Access-Control-Max-Age"] = "86400"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _local() -> bool:
    return "camden" in params.extensions(request.args)


@v1.get("/", strict_slashes=False)
def api_details():
    return jsonify(API_DETAILS)


@v1.get("/services")
def services():
    args = request.args
    params.response_format(args)
    params.unsupported_flag(args, "minimal", "page through the list with per_page=100 and modified_after")
    filters, paging, full, local = (
        params.filters(args, with_near=True),
        params.paging(args),
        params.boolean(args, "full"),
        _local(),
    )
    found = queries.services(filters, paging, full=full)
    return jsonify(documents.services_page(found, full=full, local=local))


@v1.get("/services/<service_id>")
def service(service_id: str):
    local = _local()
    found = queries.service(service_id.lower())
    if found is None:
        raise not_found("service", service_id)
    return jsonify(documents.service(found, local=local))


@v1.get("/service_at_locations")
def service_at_locations():
    args = request.args
    params.response_format(args)
    filters, paging, full, local = (
        params.filters(args, with_near=True),
        params.paging(args),
        params.boolean(args, "full"),
        _local(),
    )
    found = queries.service_at_locations(filters, paging, full=full)
    return jsonify(documents.places_page(found, full=full, local=local))


@v1.get("/service_at_locations/<link_id>")
def service_at_location(link_id: str):
    local = _local()
    found = queries.service_at_location(link_id.lower())
    if found is None:
        raise not_found("service_at_location", link_id)
    return jsonify(documents.place(found, local=local))


@v1.get("/organizations")
def organizations():
    args = request.args
    params.response_format(args)
    search, paging, local = params.search(args), params.paging(args), _local()
    full_services = params.boolean(args, "full_service")
    full = params.boolean(args, "full") or full_services
    found = queries.organizations(search, paging)
    services = queries.services_by_organization([o.id for o in found.items], full=full_services) if full else None
    return jsonify(documents.organizations_page(found, services, full_services=full_services, local=local))


@v1.get("/organizations/<organization_id>")
def organization(organization_id: str):
    full_services, local = params.boolean(request.args, "full_service"), _local()
    found = queries.organization(organization_id.lower())
    if found is None:
        raise not_found("organization", organization_id)
    services = queries.services_of(found.id, full=full_services)
    return jsonify(documents.organization(found, services, full_services=full_services, local=local))


@v1.get("/taxonomies")
def taxonomies():
    args = request.args
    params.response_format(args)
    found = queries.taxonomies(params.search(args), params.paging(args))
    return jsonify(documents.taxonomies_page(found))


@v1.get("/taxonomies/<taxonomy_id>")
def taxonomy(taxonomy_id: str):
    found = queries.taxonomy(taxonomy_id.lower())
    if found is None:
        raise not_found("taxonomy", taxonomy_id)
    return jsonify(documents.taxonomy(found))


@v1.get("/taxonomy_terms")
def taxonomy_terms():
    args = request.args
    params.response_format(args)
    search, taxonomy_id, parent_id = (
        params.search(args),
        params.record_id(args, "taxonomy_id"),
        params.record_id(args, "parent_id"),
    )
    top_only, paging = params.boolean(args, "top_only"), params.paging(args)
    found = queries.taxonomy_terms(search, taxonomy_id, parent_id, top_only, paging)
    return jsonify(documents.taxonomy_terms_page(found))


@v1.get("/taxonomy_terms/<term_id>")
def taxonomy_term(term_id: str):
    found = queries.taxonomy_term(term_id.lower())
    if found is None:
        raise not_found("taxonomy_term", term_id)
    return jsonify(documents.taxonomy_term(found))


@bp.route("/", defaults={"rest": ""}, methods=EVERY_METHOD, strict_slashes=False)
@bp.route("/<path:rest>", methods=EVERY_METHOD)
def unknown(rest: str):
    """Anything else under /api/: a JSON 404, or a JSON 405 for another method on a real API path."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        endpoint, _values = adapter.match(request.path, method="GET")
    except HTTPException:
        endpoint = None
    if endpoint and endpoint != request.endpoint:
        raise MethodNotAllowed(valid_methods=READ_METHODS.split(", "))
    raise ApiError(404, "no such API path; the API is at /api/v1/ (docs/api.md)")


bp.register_blueprint(v1)
