import pytest
import requests


class Api:
    """Raw HTTP access to the sandbox, for checking its responses without the client."""

    def __init__(self, sandbox):
        self.sandbox = sandbox
        self.session = requests.Session()

    def token(self, access_key=None, secret_key=None) -> str:
        response = self.session.post(
            f"{self.sandbox.base_url}/v2/authentication",
            json={
                "accessKey": access_key or self.sandbox.access_key,
                "secretAccessKey": secret_key or self.sandbox.secret_key,
            },
            timeout=5,
        )
        return response.json()["token"]

    def get(self, path: str, params=None, token=None, **headers) -> requests.Response:
        bearer = token if token is not None else self.token()
        return self.session.get(
            f"{self.sandbox.base_url}{path}",
            params=params,
            headers={"Authorization": f"Bearer {bearer}", **headers},
            timeout=5,
        )


@pytest.fixture
def api(hrworks_sandbox):
    return Api(hrworks_sandbox)
