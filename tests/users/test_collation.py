from django.urls import reverse

from users.collation import name_order, sort_key
from users.models import User

NAMES = ["Öztürk", "Otto", "Zander", "Bäcker", "Bauer", "Groß", "Grosz", "Görtz"]


def test_sort_key_follows_din_5007():
    assert sorted(NAMES, key=sort_key) == [
        "Bäcker", "Bauer", "Görtz", "Groß", "Grosz", "Otto", "Öztürk", "Zander",
    ]  # fmt: skip


def test_database_orders_names_in_german(tenant):
    for index, name in enumerate(NAMES):
        User.objects.create_user(f"u{index}@nordlicht.example", tenant=tenant, last_name=name)
    ordered = list(
        User.objects.filter(tenant=tenant)
        .order_by(*name_order())
        .values_list("last_name", flat=True)
    )
    assert ordered.index("Öztürk") == ordered.index("Otto") + 1
    assert ordered.index("Bäcker") < ordered.index("Bauer")
    assert ordered[-1] == "Zander"


def test_user_list_puts_umlauts_in_place(client, admin):
    for index, name in enumerate(["Zander", "Öztürk", "Otto"]):
        User.objects.create_user(
            f"p{index}@nordlicht.example", tenant=admin.tenant, last_name=name, first_name="X"
        )
    client.force_login(admin)
    page = client.get(reverse("users:list")).content.decode()
    assert page.index("X Otto") < page.index("X Öztürk") < page.index("X Zander")
