"""The seed loader: the first admin and the sample patients, however often it runs."""

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from carechart.core.config import Settings
from seed.loader import load, sample_patients


async def test_loading_twice_creates_the_admin_once_and_no_duplicate_patients(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient
) -> None:
    samples = sample_patients()

    async with app.state.sessionmaker() as session:
        first = await load(session=session, settings=settings, with_samples=True)
    async with app.state.sessionmaker() as session:
        second = await load(session=session, settings=settings, with_samples=True)

    assert (first.admin_created, first.patients_created, first.patients_present) == (
        True,
        len(samples),
        0,
    )
    assert (second.admin_created, second.patients_created, second.patients_present) == (
        False,
        0,
        len(samples),
    )
    async with app.state.engine.connect() as conn:
        admins = (await conn.execute(text("SELECT email, role FROM app_user"))).all()
        mrns = (await conn.execute(text("SELECT mrn FROM patient"))).scalars().all()
    assert [tuple(a) for a in admins] == [(settings.admin_email, "admin")]
    assert sorted(mrns) == sorted(p.mrn for p in samples if p.mrn)
    assert len(samples) >= 5


async def test_the_seeded_admin_signs_in_with_the_configured_password(
    app: FastAPI, settings: Settings, client: httpx.AsyncClient
) -> None:
    async with app.state.sessionmaker() as session:
        await load(session=session, settings=settings, with_samples=False)

    response = await client.post(
        "/auth/token",
        data={
            "username": settings.admin_email,
            "password": settings.admin_password.get_secret_value(),
        },
    )

    assert response.status_code == 200, response.text
    me = await client.get(
        "/auth/me", headers={"Authorization": f"Bearer {response.json()['access_token']}"}
    )
    assert me.json()["role"] == "admin"
    async with app.state.engine.connect() as conn:
        patients = (await conn.execute(text("SELECT count(*) FROM patient"))).scalar_one()
    assert patients == 0
