from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from users.models import User

GOOD_CSV = (
    "E-Mail;Vorname;Nachname;Rolle;Wochenstunden;Arbeitstage\n"
    "lena.mueller@nordlicht.example;Lena;Müller;staff;32;Mo-Do\n"
    "Joerg.Weiss@Nordlicht.example;Jörg;Weiß;admin;40,0;Mo-Fr\n"
    "tom@nordlicht.example;Tom;Teil;Mitarbeiter;20;Mo,Mi,Fr\n"
)


def upload(client, text, name="users.csv"):
    data = SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")
    return client.post(reverse("users:import"), {"file": data}, follow=True)


def test_import_creates_all_good_rows(client, admin):
    client.force_login(admin)
    response = upload(client, GOOD_CSV)
    assert "3 Benutzer wurden importiert." in response.content.decode()
    lena = User.objects.get(email="lena.mueller@nordlicht.example")
    assert lena.tenant == admin.tenant
    assert lena.working_days == [0, 1, 2, 3]
    assert lena.weekly_hours == Decimal("32")
    assert User.objects.get(email="joerg.weiss@nordlicht.example").role == "admin"
    assert User.objects.get(email="tom@nordlicht.example").working_days == [0, 2, 4]


def test_import_with_bad_rows_imports_nothing_and_names_lines(client, admin, staff):
    client.force_login(admin)
    text = (
        "email,first_name,last_name,role,weekly_hours,working_days\n"
        "ok@nordlicht.example,Ok,User,staff,40,Mo-Fr\n"
        "not-an-email,X,Y,staff,40,Mo-Fr\n"
        "BOB@nordlicht.example,Bob,Again,staff,40,Mo-Fr\n"
        "ok@nordlicht.example,Ok,Twice,staff,40,Mo-Fr\n"
        "boss@nordlicht.example,B,C,chef,40,Mo-Fr\n"
        "hours@nordlicht.example,H,I,staff,viel,Mo-Fr\n"
        "days@nordlicht.example,D,E,staff,40,Fr-Mo\n"
    )
    page = upload(client, text).content.decode()
    assert "Es wurde nichts importiert" in page
    assert "Zeile 3: „not-an-email“ ist keine gültige E-Mail-Adresse." in page
    assert "Zeile 4: Ein Benutzer mit bob@nordlicht.example existiert bereits." in page
    assert "Zeile 5: ok@nordlicht.example kommt in der Datei doppelt vor." in page
    assert "Zeile 6: Die Rolle „chef“ ist unbekannt" in page
    assert "Zeile 7: Die Wochenstunden „viel“" in page
    assert "Zeile 8: Die Arbeitstage „Fr-Mo“ sind nicht lesbar" in page
    assert not User.objects.filter(email="ok@nordlicht.example").exists()
    assert User.objects.filter(tenant=admin.tenant).count() == 2


def test_import_rejects_file_without_header(client, admin):
    client.force_login(admin)
    page = upload(client, "lena@nordlicht.example;Lena\n").content.decode()
    assert "Die erste Zeile muss die Spalten benennen" in page


def test_import_rejects_non_utf8_file(client, admin):
    client.force_login(admin)
    data = SimpleUploadedFile("u.csv", "email\nmüller@x.example\n".encode("latin-1"))
    page = client.post(reverse("users:import"), {"file": data}).content.decode()
    assert "nicht UTF-8-kodiert" in page
