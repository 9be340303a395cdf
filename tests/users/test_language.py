from pathlib import Path

import polib
from django.conf import settings
from django.urls import reverse


def test_login_page_is_german_by_default(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="de">' in page
    assert "Passwort vergessen?" in page


def test_language_switch_shows_english(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in page
    assert "Forgot your password?" in page


def test_german_catalogues_are_complete_and_compiled():
    catalogues = [
        path
        for path in Path(settings.BASE_DIR).glob("**/locale/de/LC_MESSAGES/django.po")
        if ".venv" not in path.parts
    ]
    assert catalogues
    for path in catalogues:
        po = polib.pofile(str(path))
        assert po.untranslated_entries() == [], path
        assert po.fuzzy_entries() == [], path
        compiled = polib.mofile(str(path.with_suffix(".mo")))
        assert {e.msgid for e in compiled} >= {e.msgid for e in po.translated_entries()}, path


def test_english_browser_still_gets_german(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="de">' in page
    assert "Passwort vergessen?" in page


def test_unknown_language_cookie_falls_back_to_german(client, db):
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="de">' in page


def test_project_wording_beats_django_catalogues(client, db):
    from django.utils.translation import gettext, override

    with override("de"):
        assert gettext("Save") == "Speichern"


def test_django_form_messages_use_formal_german(db):
    from django import forms
    from django.utils.translation import override

    class DateForm(forms.Form):
        day = forms.DateField()

    with override("de"):
        form = DateForm({"day": "31.02.2027"})
        assert form.errors["day"] == ["Bitte geben Sie ein gültiges Datum ein."]
