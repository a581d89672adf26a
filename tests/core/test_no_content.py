"""A 204 answer is empty and says nothing about a body it does not have (no Content-Type)."""

import httpx

from tests.conftest import TestUser, create_patient

NOTE = {"taken_at": "2024-03-15T09:30:00Z", "content": "S: Denies chest pain."}


def assert_no_content(response: httpx.Response) -> None:
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert "content-type" not in response.headers


async def test_deleting_a_patient_or_a_note_answers_204_without_a_content_type(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    patient = await create_patient(client, clinician)
    notes = f"/patients/{patient['id']}/notes"
    note = (await client.post(notes, json=NOTE, headers=clinician.headers)).json()

    assert_no_content(await client.delete(f"{notes}/{note['id']}", headers=clinician.headers))
    assert_no_content(await client.delete(f"/patients/{patient['id']}", headers=clinician.headers))


async def test_deleting_a_user_or_setting_a_password_answers_204_without_a_content_type(
    client: httpx.AsyncClient, admin: TestUser
) -> None:
    created = await client.post(
        "/users",
        json={
            "email": "no-content@example.org",
            "full_name": "No Content",
            "role": "viewer",
            "password": "a-long-passphrase-please",
        },
        headers=admin.headers,
    )
    user = f"/users/{created.json()['id']}"

    password = {"new_password": "another-long-passphrase"}
    assert_no_content(await client.post(f"{user}/password", json=password, headers=admin.headers))
    assert_no_content(await client.delete(user, headers=admin.headers))
