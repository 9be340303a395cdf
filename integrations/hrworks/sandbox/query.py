"""Read query parameters the way hr works accepts them.

List parameters come either as repeated keys (``persons=a&persons=b``, the form the API
specification declares) or as one bracketed list (``persons=[a, b]``, the form several
clients send). Both forms may be mixed, and spaces around items are ignored.
"""

from datetime import date
from urllib.parse import parse_qs

from .problems import invalid_parameter_type, missing_parameter


class Query:
    def __init__(self, query_string: str):
        self.values = parse_qs(query_string, keep_blank_values=True)

    def text(self, name: str) -> str | None:
        values = self.values.get(name)
        return values[-1] if values else None

    def items(self, name: str) -> list[str] | None:
        """Return the list parameter, or None when it is absent."""
        if name not in self.values:
            return None
        result = []
        for value in self.values[name]:
            value = value.strip()
            if value.startswith("[") and value.endswith("]"):
                result.extend(part.strip() for part in value[1:-1].split(",") if part.strip())
            elif value:
                result.append(value)
        return result

    def boolean(self, name: str, default: bool) -> bool:
        value = self.text(name)
        if value is None or value == "":
            return default
        if value.lower() == "true":
            return True
        if value.lower() == "false":
            return False
        raise invalid_parameter_type(f"The parameter {name} must be true or false.")

    def required_date(self, name: str) -> date:
        value = self.text(name)
        if not value:
            raise missing_parameter(name)
        try:
            if len(value) != 10:
                raise ValueError(value)
            return date.fromisoformat(value)
        except ValueError:
            raise invalid_parameter_type(
                f"The parameter {name} must be a date in the format YYYY-MM-DD."
            ) from None

    def page(self) -> int:
        value = self.text("page")
        if value is None or value == "":
            return 1
        try:
            number = int(value)
        except ValueError:
            raise invalid_parameter_type("The parameter page must be a number.") from None
        if number < 1:
            raise invalid_parameter_type("The parameter page must be 1 or greater.")
        return number
