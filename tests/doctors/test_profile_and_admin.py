"""The profile's photo and biography, and the admin tools staff keep the directory true with."""

import datetime
import io

from cms.api import add_plugin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from doctors.models import Doctor, validate_npi
from tests.html import one

from .factories import DoctorFactory, SpecialtyFactory


def test_photo_is_served_as_thumbnails_with_srcset(client, directory):
    doctor = directory["lopez"]
    buffer = io.BytesIO()
    Image.new("RGB", (900, 1200), (120, 90, 60)).save(buffer, "JPEG")
    doctor.photo = SimpleUploadedFile("lopez.jpg", buffer.getvalue(), content_type="image/jpeg")
    doctor.save()

    profile = client.get(doctor.get_absolute_url()).content.decode()
    photo = one(profile, "img.doctor-profile__photo")
    assert "240x240" in photo.get("src")
    one_x, two_x = photo.get("srcset").split(", ")
    assert one_x.endswith(" 1x") and "480x480" in two_x and two_x.endswith(" 2x")
    assert 'alt="Photo of Maria Lopez, MD"' in profile
    listing = client.get("/en/find-a-doctor/", {"q": "Lopez"}).content.decode()
    card_photo = one(listing, "img.doctor-card__photo")
    assert "96x96" in card_photo.get("src") and card_photo.get("srcset")


def test_biography_comes_from_the_doctors_placeholder(client, directory):
    doctor = directory["silva"]
    add_plugin(
        doctor.bio, "TextPlugin", "en", body="<p>Dr. Silva treats skin conditions in children and adults.</p>"
    )
    page = client.get(doctor.get_absolute_url()).content.decode()
    assert "Dr. Silva treats skin conditions in children and adults." in page


def test_npi_check_digit_is_validated():
    validate_npi("1234567893")  # the CMS's published example of a valid NPI
    for bad in ("1234567890", "123456789", "12345678901", "abcdefghij"):
        try:
            validate_npi(bad)
        except Exception as error:  # noqa: BLE001
            assert "NPI" in str(error)
        else:
            raise AssertionError(f"{bad} was accepted")


def test_admin_confirms_accepting_status_today_in_bulk(staff_client, directory):
    Doctor.objects.update(accepting_confirmed_on=datetime.date(2025, 1, 1))
    ids = [directory["lopez"].pk, directory["smith"].pk]
    response = staff_client.post(
        "/en/admin/doctors/doctor/",
        {"action": "confirm_accepting_today", "_selected_action": ids},
        follow=True,
    )
    assert response.status_code == 200
    assert "Confirmed today for 2 doctors." in response.content.decode()
    today = timezone.localdate()
    assert set(Doctor.objects.filter(accepting_confirmed_on=today).values_list("pk", flat=True)) == set(ids)


def test_admin_search_and_filters_find_doctors(staff_client, directory):
    response = staff_client.get("/en/admin/doctors/doctor/", {"q": "Silva"})
    assert response.status_code == 200
    assert "Ana" in response.content.decode()
    assert "Kevin" not in response.content.decode()
    response = staff_client.get("/en/admin/doctors/doctor/", {"accepting_new_patients__exact": "referral"})
    assert "John" in response.content.decode() and "Maria" not in response.content.decode()


def test_saving_in_the_admin_refreshes_what_search_finds(staff_client, directory):
    doctor = directory["smith"]
    url = f"/en/admin/doctors/doctor/{doctor.pk}/change/"
    form = staff_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "photo"}
    rheumatology = SpecialtyFactory(name="Rheumatology")
    data.update(
        {
            "specialties": [rheumatology.pk],
            "conditions": [],
            "languages": [lang.pk for lang in doctor.languages.all()],
            "accepting_confirmed_on": "2026-01-05",
            "department": "",
            "gender": "male",
        }
    )
    for prefix in ("practices", "training", "certifications"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    practice = doctor.practices.get()
    data.update(
        {
            # Clinical interests, written beside the doctor (their own row), in both languages.
            "interests-TOTAL_FORMS": 1,
            "interests-INITIAL_FORMS": 0,
            "interests-0-text_en": "Gout and lupus.",
            "interests-0-text_es": "Gota y lupus.",
            "practices-TOTAL_FORMS": 1,
            "practices-INITIAL_FORMS": 1,
            "practices-0-id": practice.pk,
            "practices-0-doctor": doctor.pk,
            "practices-0-location": practice.location_id,
            "practices-0-phone": practice.phone,
            "practices-0-order": 0,
        }
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    doctor.refresh_from_db()
    assert "rheumatology" in doctor.search.text
    assert "cardiology" not in doctor.search.text
    assert "gout and lupus" in doctor.search.text  # saved before the search words were made
    assert (doctor.interests.text_en, doctor.interests.text_es) == ("Gout and lupus.", "Gota y lupus.")


def test_demo_doctors_are_marked_fictional_on_their_profile(client, directory):
    doctor = DoctorFactory(first_name="Fictional", last_name="Person", is_demo=True)
    assert "This doctor is fictional" in client.get(doctor.get_absolute_url()).content.decode()
