"""Staff passwords are long and uncommon; one address cannot keep guessing, at one account or at all."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.staff import password_step, sign_in

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-staff-password"


def test_short_and_common_passwords_are_refused():
    user = User(username="nurse.manager")
    with pytest.raises(ValidationError) as short:
        validate_password("Summer2026", user)
    assert "at least 12 characters" in " ".join(short.value.messages)
    with pytest.raises(ValidationError) as common:
        validate_password("Password1234", user)  # long enough, but on every attacker's list
    assert "too common" in " ".join(common.value.messages)
    validate_password("heron-lantern-Fruit-9", user)  # long and unusual: accepted


def test_a_staff_member_cannot_change_to_summer2026(client):
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    sign_in(client, user)
    response = client.post(
        "/en/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": "Summer2026", "new_password2": "Summer2026"},
    )
    assert response.status_code == 200  # the form again, with the reason
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)


def attempt(client, username, password):
    """One sign-in through the login page (the first, password step of the two-factor form)."""
    return client.post(reverse(settings.LOGIN_URL), password_step(username, password))


@pytest.fixture
def accounts():
    names = ["ana", "ben", "cho", "dev", "eli"]
    return [User.objects.create_user(name, password=PASSWORD, is_staff=True) for name in names]


def test_one_address_guessing_at_many_accounts_is_locked_out(settings, accounts):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    attacker = Client(REMOTE_ADDR="203.0.113.77")
    for user in accounts[:3]:  # two guesses at each of three accounts: no account reaches 5
        for guess in ("Winter2025!", "Spring2026!"):
            response = attempt(attacker, user.username, guess)
    assert response.status_code == 429  # the sixth failure from the address locks the address
    refused = attempt(attacker, accounts[4].username, PASSWORD)  # an account never tried, right password
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts from your connection" in refused.content.decode()
    assert "_auth_user_id" not in attacker.session

    colleague = Client(REMOTE_ADDR="198.51.100.8")  # elsewhere, the same accounts still sign in
    assert attempt(colleague, accounts[4].username, PASSWORD).status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_the_addresss_failures(settings, accounts):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    insider = Client(REMOTE_ADDR="203.0.113.79")
    for user in accounts[1:3]:
        for guess in ("Winter2025!", "Spring2026!"):
            assert attempt(insider, user.username, guess).status_code == 200
    # Their own account, right password (no second factor yet: signed in to enrol one).
    assert attempt(insider, accounts[0].username, PASSWORD).status_code == 302
    insider.logout()
    assert attempt(insider, accounts[3].username, "Winter2025!").status_code == 200
    assert attempt(insider, accounts[3].username, "Spring2026!").status_code == 429  # 4 + 2 = 6
