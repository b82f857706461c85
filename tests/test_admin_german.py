"""Issue 15: the admin speaks German only – no English stock phrase on the pages press staff use."""

import re

import pytest
import reversion
from django.contrib.auth.models import Group
from reversion.models import Version

from .factories import make_release

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Save",
    "Delete",
    "Select an option",
    "Run",
    "History",
    "Add another",
    "Save and continue editing",
    "Save and add another",
    "Change",
    "Home",
    "View site",
    "Log out",
    "Search",
    "Action",
    "Revert",
    "Recover",
    "Press the save button",
    "Are you sure",
    "No, take me back",
    "Show",
    "Hide",
    "Today",
    "Choose",
    "Remove",
    "Currently",
    "Change password",
    "Username",
    "Password",
    "Staff status",
    "Permissions",
    "Personal info",
    "Important dates",
    "Superuser status",
    "First name",
    "Last name",
    "Email address",
    "Last login",
    "Date joined",
    "Objects",
    "Summary",
    "Go",
    "Filter by",
    # Django stores its permissions as "Can add <model>": the group and user forms list them.
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    # third-party models, apps and admin templates without German (QA 4)
    "TOTP device",
    "static device",
    "static token",
    "revision",
    "Reversion",
    "Sessions",
    "access attempt",
    "Pagination",
    "revoke",
    "REVOKE",
]
PHRASE = re.compile(r"\b(" + "|".join(re.escape(p) for p in ENGLISH) + r")\b")


def readable(html: str) -> str:
    """What a person reads: text, button values, titles and labels (no scripts, no URLs)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    shown = re.findall(r'(?:value|title|aria-label|placeholder|alt)="([^"]*)"', html)
    text = re.sub(r"<[^>]+>", " ", html)
    return " ".join([text, *[s for s in shown if not s.startswith(("/", "http"))]])


def english_on(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return sorted(set(PHRASE.findall(readable(response.content.decode()))))


@pytest.fixture
def release():
    release = make_release(status="draft")
    with reversion.create_revision():
        release.save()
    return release


def test_press_office_pages_have_no_english(client, django_user_model, release):
    editor = django_user_model.objects.create_user("presse", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Pressestelle – Freigabe"))
    client.force_login(editor)
    version = Version.objects.get_for_object(release).first()
    pages = [
        "/admin/",
        "/admin/pressroom/pressrelease/heute/",
        "/admin/pressroom/pressrelease/",
        "/admin/pressroom/pressrelease/add/",
        f"/admin/pressroom/pressrelease/{release.pk}/change/",
        f"/admin/pressroom/pressrelease/{release.pk}/history/",
        f"/admin/pressroom/pressrelease/{release.pk}/history/{version.pk}/",
    ]
    found = {url: english_on(client, url) for url in pages}
    assert found == {url: [] for url in pages}


def test_user_admin_and_delete_confirmation_have_no_english(client, django_user_model, release):
    boss = django_user_model.objects.create_superuser("chefin", "c@example.invalid", "pw")
    client.force_login(boss)
    pages = [
        "/admin/auth/user/",
        f"/admin/auth/user/{boss.pk}/change/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
        f"/admin/auth/group/{Group.objects.get(name='Pressestelle').pk}/change/",
        f"/admin/pressroom/pressrelease/{release.pk}/delete/",
        "/admin/subscriptions/delivery/",
    ]
    found = {url: english_on(client, url) for url in pages}
    assert found == {url: [] for url in pages}


def test_app_names_are_german(client, django_user_model):
    boss = django_user_model.objects.create_superuser("chefin", "c@example.invalid", "pw")
    client.force_login(boss)
    index = readable(client.get("/admin/").content.decode())
    assert "AXES" not in index and "OTP_TOTP" not in index and "OTP_STATIC" not in index
    assert "Anmeldeversuche" in index and "Zwei-Faktor" in index


def test_admin_javascript_strings_are_german_too(client, django_user_model):
    """The filter widget's 6.1 strings and the editor's dialogs come from the JS catalog."""
    boss = django_user_model.objects.create_superuser("chefin", "c@example.invalid", "pw")
    client.force_login(boss)
    catalog = client.get("/admin/jsi18n/").content.decode()
    assert '"Choose all %s": "Alle %s ausw\\u00e4hlen"' in catalog
    assert '"Edit Link": "Link bearbeiten"' in catalog  # django-prose-editor's own German
    assert "Pfeil \\u201eAusw\\u00e4hlen\\u201c" in catalog  # the filter widget's help
    # QA 13: the county-wide closure form's date fields said "Note: Enter times in the
    # Europe/Berlin timezone" in English.
    assert (
        "Zeiten bitte in der Zeitzone %(timezone)s eingeben. (Ihre Uhr geht %(offset)s Stunde nach.)"
        in catalog
    )


def test_a_refused_admin_page_explains_itself_in_german(client, django_user_model):
    editor = django_user_model.objects.create_user("presse", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Pressestelle"))
    client.force_login(editor)
    release = make_release(status="ready")
    refused = client.get(f"/admin/pressroom/pressrelease/{release.pk}/zurueckgeben/")
    assert refused.status_code == 403
    text = refused.content.decode()
    assert "Dafür fehlt Ihnen die Berechtigung" in text and "Pressestelle – Freigabe" in text


def test_permissions_have_german_names(django_user_model):
    from django.contrib.auth.models import Permission

    names = set(Permission.objects.values_list("name", flat=True))
    assert "Kann Pressemitteilung hinzufügen" in names
    assert "Kann Benutzer ändern" in names
    assert [name for name in names if name.startswith("Can ")] == []


def test_an_editors_release_form_names_fields_as_the_form_does(client, django_user_model):
    """QA 4: "Arabisch · body: ungeprüft" (code names) and a "REVOKE" column for editors."""
    from pressroom.models import EmbargoLink

    release = make_release(status="draft", title_ar="عنوان", body_ar="<p>نص</p>")
    EmbargoLink.objects.create(release=release, recipient="Redaktion WN")
    editor = django_user_model.objects.create_user("redakteurin", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Pressestelle"))
    client.force_login(editor)
    page = readable(
        client.get(f"/admin/pressroom/pressrelease/{release.pk}/change/").content.decode()
    )
    assert "Arabisch · Text: ungeprüft" in page
    assert " · body:" not in page and " · title:" not in page
    assert PHRASE.findall(page) == []
