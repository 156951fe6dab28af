"""JSON errors for everything under /api/: never an HTML page, always the same small body (docs/api.md).

    {"error": "bad_request", "message": "per_page must be between 1 and 100", "parameter": "per_page"}

`error` is one of bad_request, not_found, method_not_allowed, server_error; `parameter` names the query
parameter at fault (400s only).
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify
from werkzeug.exceptions import HTTPException

HTTP_CODES = (400, 401, 403, 404, 405, 406, 408, 413, 414, 415, 429, 500, 501, 502, 503)
ERROR_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 500: "server_error"}


class ApiError(Exception):
    def __init__(self, status: int, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.parameter = parameter


class BadParameter(ApiError):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(400, message, parameter)


def not_found(what: str, record_id: str) -> ApiError:
    return ApiError(404, f"no {what} with id {record_id}")


def error_response(status: int, message: str, parameter: str | None = None, headers: dict | None = None):
    body = {"error": ERROR_CODES.get(status, "bad_request" if status < 500 else "server_error"), "message": message}
    if parameter:
        body["parameter"] = parameter
    response = jsonify(body)
    response.status_code = status
    response.headers.update(headers or {})
    return response


def register(bp: Blueprint) -> None:
    """Error handlers for the API blueprint (and the blueprints nested in it)."""

    @bp.errorhandler(ApiError)
    def api_error(error: ApiError):
        return error_response(error.status, error.message, error.parameter)

    def http_error(error: HTTPException):
        status = error.code or 500
        headers = {k: v for k, v in error.get_response().headers.items() if k in ("Allow", "Retry-After")}
        messages = {404: "no such API path", 405: "this API only answers GET"}
        return error_response(status, messages.get(status, error.description or error.name), headers=headers)

    bp.register_error_handler(HTTPException, http_error)
    # The app has handlers for particular codes (HTML pages), which Flask prefers to a blueprint's handler for
    # HTTPException in general: claim each code for the API too.
    for code in HTTP_CODES:
        bp.register_error_handler(code, http_error)

    @bp.errorhandler(Exception)
    def unexpected(error: Exception):
        current_app.logger.exception("API error", exc_info=error)
        return error_response(500, "something went wrong on our side")
