"""Listing patients: page size, opaque cursors, sorting with ties, filters, totals, Link."""

import base64
import json
import uuid
from datetime import date, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from carechart.patients.service import SORTABLE
from tests.conftest import TestUser, assert_problem, create_patient, walk_pages

FAMILY_NAMES = ["Smith", "Smith", "Nguyễn", "smith", "Zoë", "Smith", "Åberg", "Jones"]
GIVEN_NAMES = ["Ann", "Ann", "Bob", "ann", "Émile"]
BIRTH_DATES = ["1980-01-01", "1980-01-01", "1975-06-30", "2001-12-31"]
SEXES = ["female", "male", None, "female", "other"]


async def insert_patients(app: FastAPI, count: int, *, offset: int = 0) -> None:
    """`count` patients in one statement: shared created_at, many equal names and birth dates."""
    rows = [
        {
            "id": uuid.uuid4(),
            "mrn": f"P-{offset + i:04d}",
            "given_name": GIVEN_NAMES[i % len(GIVEN_NAMES)],
            "family_name": FAMILY_NAMES[i % len(FAMILY_NAMES)],
            "date_of_birth": date.fromisoformat(BIRTH_DATES[i % len(BIRTH_DATES)]),
            "sex": SEXES[i % len(SEXES)],
        }
        for i in range(count)
    ]
    async with app.state.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO patient (id, mrn, given_name, family_name, date_of_birth, sex) "
                "VALUES (:id, :mrn, :given_name, :family_name, :date_of_birth, :sex)"
            ),
            rows,
        )


def _sort_sql(sort: str) -> tuple[list[str], str]:
    keys = [(k.removeprefix("-"), k.startswith("-")) for k in sort.split(",")]
    order = ", ".join(f"{name} {'DESC' if desc else 'ASC'}" for name, desc in keys)
    return [name for name, _ in keys], order


def _key_value(name: str, value: Any) -> Any:
    """A sort key's value, the same whether it came from the API (JSON) or the database."""
    if name == "date_of_birth":
        return value if isinstance(value, date) else date.fromisoformat(value)
    if name == "created_at":
        return value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return value


async def reference_order(
    app: FastAPI, sort: str, where: str = "true", params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """The sort keys of every matching patient, ordered by the database itself (its collation)."""
    names, order = _sort_sql(sort)
    async with app.state.engine.connect() as conn:
        rows = (
            await conn.execute(
                text(f"SELECT {', '.join(names)} FROM patient WHERE {where} ORDER BY {order}"),
                params or {},
            )
        ).all()
    return [tuple(_key_value(n, v) for n, v in zip(names, row, strict=True)) for row in rows]


def projected(items: list[dict[str, Any]], sort: str) -> list[tuple[Any, ...]]:
    names, _ = _sort_sql(sort)
    return [tuple(_key_value(n, item[n]) for n in names) for item in items]


SORTS = [
    None,
    "family_name",
    "-family_name",
    "given_name,-date_of_birth",
    "date_of_birth",
    "-date_of_birth,family_name",
    "-date_of_birth,-family_name,given_name",
    "mrn",
    "-mrn",
    "created_at",
    "-created_at",
    "family_name,created_at",
]


@pytest.mark.parametrize("sort", SORTS)
async def test_following_cursors_visits_every_patient_once_in_order(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser, sort: str | None
) -> None:
    await insert_patients(app, 13)
    await insert_patients(app, 12, offset=13)  # a second created_at, shared by these twelve
    params = {"limit": 4} if sort is None else {"limit": 4, "sort": sort}

    items = await walk_pages(client, viewer, "/patients", params)

    effective = sort or "family_name,given_name"
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)) == 25
    assert projected(items, effective) == await reference_order(app, effective)


@pytest.mark.parametrize(
    ("params", "where", "sql_params"),
    [
        pytest.param({"sex": "female"}, "sex = 'female'", {}, id="sex"),
        pytest.param(
            {"born_after": "1980-01-01", "sort": "-date_of_birth,family_name"},
            "date_of_birth >= DATE '1980-01-01'",
            {},
            id="born-after",
        ),
        pytest.param(
            {"born_before": "2001-12-31", "sex": "female", "sort": "given_name"},
            "date_of_birth < DATE '2001-12-31' AND sex = 'female'",
            {},
            id="born-before-and-sex",
        ),
    ],
)
async def test_filtered_listings_page_through_exactly_the_matches(
    client: httpx.AsyncClient,
    app: FastAPI,
    viewer: TestUser,
    params: dict[str, Any],
    where: str,
    sql_params: dict[str, Any],
) -> None:
    await insert_patients(app, 25)

    items = await walk_pages(client, viewer, "/patients", {**params, "limit": 3})

    sort = params.get("sort", "family_name,given_name")
    expected = await reference_order(app, sort, where, sql_params)
    assert len(expected) > 3
    assert len({item["id"] for item in items}) == len(items)
    assert projected(items, sort) == expected


async def test_the_default_page_holds_20_patients(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser
) -> None:
    await insert_patients(app, 21)

    response = await client.get("/patients", headers=viewer.headers)

    body = response.json()
    assert len(body["items"]) == 20
    assert body["has_more"] is True
    assert body["next_cursor"]


@pytest.mark.parametrize("limit", [1, 100])
async def test_the_page_size_bounds_are_accepted(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser, limit: int
) -> None:
    await insert_patients(app, 3)

    response = await client.get("/patients", params={"limit": limit}, headers=viewer.headers)

    assert response.status_code == 200
    assert len(response.json()["items"]) == min(limit, 3)


@pytest.mark.parametrize("limit", ["0", "101", "-1", "ten", "1.5"])
async def test_a_page_size_out_of_range_is_422(
    client: httpx.AsyncClient, viewer: TestUser, limit: str
) -> None:
    response = await client.get("/patients", params={"limit": limit}, headers=viewer.headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", "limit"]


async def test_a_page_has_items_cursor_more_flag_and_a_next_link(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser
) -> None:
    await insert_patients(app, 5)

    first = await client.get("/patients", params={"limit": 2}, headers=viewer.headers)

    body = first.json()
    assert set(body) == {"items", "next_cursor", "has_more", "total"}
    assert body["total"] is None
    assert body["has_more"] is True
    link = first.headers["link"]
    assert link.startswith("<http://testserver/patients?")
    assert link.endswith('>; rel="next"')
    url = httpx.URL(link[1 : link.index(">")])
    assert url.params["cursor"] == body["next_cursor"]
    assert url.params["limit"] == "2"
    via_link = await client.get(str(url), headers=viewer.headers)
    via_cursor = await client.get(
        "/patients", params={"limit": 2, "cursor": body["next_cursor"]}, headers=viewer.headers
    )
    assert via_link.json()["items"] == via_cursor.json()["items"]
    assert {p["id"] for p in via_link.json()["items"]}.isdisjoint(p["id"] for p in body["items"])


async def test_the_last_page_has_no_cursor_and_no_link(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser
) -> None:
    await insert_patients(app, 4)

    response = await client.get("/patients", params={"limit": 4}, headers=viewer.headers)

    body = response.json()
    assert len(body["items"]) == 4
    assert body["has_more"] is False
    assert body["next_cursor"] is None
    assert "link" not in response.headers


async def test_an_empty_listing_is_an_empty_page(
    client: httpx.AsyncClient, viewer: TestUser
) -> None:
    response = await client.get(
        "/patients", params={"include_total": "true"}, headers=viewer.headers
    )

    assert response.status_code == 200
    assert response.json() == {"items": [], "next_cursor": None, "has_more": False, "total": 0}


async def test_include_total_counts_every_match_on_every_page(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser
) -> None:
    await insert_patients(app, 25)
    params: dict[str, Any] = {"limit": 2, "sex": "female", "include_total": "true"}

    first = (await client.get("/patients", params=params, headers=viewer.headers)).json()
    second = (
        await client.get(
            "/patients", params={**params, "cursor": first["next_cursor"]}, headers=viewer.headers
        )
    ).json()

    assert first["total"] == second["total"] == 10
    assert len(first["items"]) == 2


async def test_a_cursor_works_with_another_page_size(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser
) -> None:
    await insert_patients(app, 10)
    first = (await client.get("/patients", params={"limit": 3}, headers=viewer.headers)).json()

    rest = await client.get(
        "/patients", params={"limit": 100, "cursor": first["next_cursor"]}, headers=viewer.headers
    )

    assert len(rest.json()["items"]) == 7


def _forged_cursor() -> str:
    payload = {"s": "patient", "f": {}, "v": ["A", "A", str(uuid.uuid4())]}
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        pytest.param("garbage", id="garbage"),
        pytest.param("flip", id="one-character-changed"),
        pytest.param("truncate", id="truncated"),
        pytest.param(_forged_cursor(), id="forged-plain-json"),
        pytest.param("gAAAAA" + "A" * 100, id="fernet-looking"),
        pytest.param("append:junk", id="junk-after-the-padding"),
        pytest.param("append:=", id="extra-padding"),
        pytest.param("append:.", id="a-dot-appended"),
    ],
)
async def test_a_tampered_cursor_is_a_400_problem(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser, cursor: str
) -> None:
    await insert_patients(app, 3)
    real = (await client.get("/patients", params={"limit": 1}, headers=viewer.headers)).json()[
        "next_cursor"
    ]
    if cursor == "flip":
        middle = len(real) // 2
        cursor = real[:middle] + ("A" if real[middle] != "A" else "B") + real[middle + 1 :]
    elif cursor == "truncate":
        cursor = real[:-5]
    elif cursor.startswith("append:"):
        cursor = real + cursor.removeprefix("append:")

    response = await client.get(
        "/patients", params={"limit": 1, "cursor": cursor}, headers=viewer.headers
    )

    assert_problem(response, 400, "invalid-cursor")


async def test_an_oversized_cursor_is_422(client: httpx.AsyncClient, viewer: TestUser) -> None:
    response = await client.get("/patients", params={"cursor": "A" * 5000}, headers=viewer.headers)

    assert_problem(response, 422, "validation-error")


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param({"sort": "-family_name"}, id="other-sort"),
        pytest.param({"sort": "family_name,given_name"}, id="default-sort-spelled-out"),
        pytest.param({"sex": "male"}, id="other-sex"),
        pytest.param({"q": "smith"}, id="added-search"),
        pytest.param({"mrn": "P-0001"}, id="added-mrn"),
        pytest.param({"born_after": "1900-01-01"}, id="added-born-after"),
        pytest.param({"born_before": "2100-01-01"}, id="added-born-before"),
    ],
)
async def test_a_cursor_reused_with_other_parameters_is_a_400_problem(
    client: httpx.AsyncClient, app: FastAPI, viewer: TestUser, changed: dict[str, str]
) -> None:
    await insert_patients(app, 5)
    first = (await client.get("/patients", params={"limit": 2}, headers=viewer.headers)).json()

    response = await client.get(
        "/patients",
        params={"limit": 2, "cursor": first["next_cursor"], **changed},
        headers=viewer.headers,
    )

    assert_problem(response, 400, "invalid-cursor")


async def test_a_cursor_from_another_listing_is_a_400_problem(
    client: httpx.AsyncClient, app: FastAPI, admin: TestUser
) -> None:
    for _ in range(3):
        await create_patient(client, admin)
    audit = (await client.get("/audit-events", params={"limit": 1}, headers=admin.headers)).json()

    response = await client.get(
        "/patients", params={"cursor": audit["next_cursor"]}, headers=admin.headers
    )

    assert_problem(response, 400, "invalid-cursor")


@pytest.mark.parametrize(
    "sort", ["height", "family_name,family_name", "family_name,", "-", "id", "name_search"]
)
async def test_an_unknown_sort_is_422_naming_the_allowed_keys(
    client: httpx.AsyncClient, viewer: TestUser, sort: str
) -> None:
    response = await client.get("/patients", params={"sort": sort}, headers=viewer.headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", "sort"]
    for key in SORTABLE:
        assert key in body["errors"][0]["msg"]


async def test_the_mrn_filter_matches_exactly(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    wanted = await create_patient(client, clinician, mrn="MRN-7")
    await create_patient(client, clinician, mrn="MRN-77")
    await create_patient(client, clinician, mrn="XMRN-7")

    response = await client.get("/patients", params={"mrn": "MRN-7"}, headers=clinician.headers)

    assert [p["id"] for p in response.json()["items"]] == [wanted["id"]]


async def test_born_after_includes_the_day_and_born_before_excludes_it(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    before = await create_patient(client, clinician, date_of_birth="1979-12-31")
    on_day = await create_patient(client, clinician, date_of_birth="1980-01-01")
    after = await create_patient(client, clinician, date_of_birth="1980-01-02")

    async def ids(**params: str) -> set[str]:
        response = await client.get("/patients", params=params, headers=clinician.headers)
        return {p["id"] for p in response.json()["items"]}

    assert await ids(born_after="1980-01-01") == {on_day["id"], after["id"]}
    assert await ids(born_before="1980-01-01") == {before["id"]}
    assert await ids(born_after="1980-01-01", born_before="1980-01-02") == {on_day["id"]}


async def test_the_sex_filter_matches_only_that_sex(
    client: httpx.AsyncClient, clinician: TestUser
) -> None:
    female = await create_patient(client, clinician, sex="female")
    await create_patient(client, clinician, sex="male")
    await create_patient(client, clinician, sex=None)

    response = await client.get("/patients", params={"sex": "female"}, headers=clinician.headers)

    assert [p["id"] for p in response.json()["items"]] == [female["id"]]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("sex", "f"),
        ("born_after", "yesterday"),
        ("born_before", "1980-13-01"),
        ("mrn", "bad mrn"),
        ("include_total", "perhaps"),
        ("q", ""),
        ("q", "x" * 201),
        ("sort", "x" * 201),
    ],
)
async def test_an_invalid_filter_is_422(
    client: httpx.AsyncClient, viewer: TestUser, name: str, value: str
) -> None:
    response = await client.get("/patients", params={name: value}, headers=viewer.headers)

    body = assert_problem(response, 422, "validation-error")
    assert body["errors"][0]["loc"] == ["query", name]
