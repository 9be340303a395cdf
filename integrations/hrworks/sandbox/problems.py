"""hr works error responses of the sandbox."""


class ApiProblem(Exception):
    """An error response: HTTP status plus an ApiError body ``{errorCode, type, errorMessage}``."""

    def __init__(self, status: int, error_type: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.error_type = error_type
        self.message = message
        self.headers = headers or {}

    def body(self) -> dict:
        return {
            "errorCode": self.status,
            "type": self.error_type,
            "errorMessage": self.message,
            "additionalErrors": [],
        }


def invalid_parameter(message: str) -> ApiProblem:
    return ApiProblem(400, "InvalidParameterError", message)


def invalid_parameter_type(message: str) -> ApiProblem:
    return ApiProblem(400, "InvalidParameterTypeError", message)


def missing_parameter(name: str) -> ApiProblem:
    return ApiProblem(400, "MissingParameterError", f"The required parameter {name} is missing.")
