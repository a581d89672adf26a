"""A field problem's message never quotes what the client sent, a number or a flag included."""

from typing import Any

import pytest

from carechart.core.problems import safe_message


@pytest.mark.parametrize(
    "err",
    [
        {"type": "less_than", "msg": "Input 1500 should be less than 150", "input": 1500},
        {"type": "value_error", "msg": "Value error, 37.25 is out of range", "input": 37.25},
        {"type": "value_error", "msg": "Value error, True is not allowed here", "input": True},
        {"type": "value_error", "msg": "Value error, 1234 is too old", "input": {"age": 1234}},
    ],
)
def test_a_message_quoting_a_number_or_flag_sent_is_cut_back(err: dict[str, Any]) -> None:
    assert safe_message(err) == f"is not valid ({err['type']})"


@pytest.mark.parametrize(
    "err",
    [
        {"type": "less_than", "msg": "Input should be less than 150", "input": 1500},
        {"type": "int_type", "msg": "Input should be a valid integer", "input": 12.5},
        {"type": "bool_type", "msg": "Input should be a valid string", "input": False},
    ],
)
def test_a_message_not_quoting_the_input_is_kept(err: dict[str, Any]) -> None:
    assert safe_message(err) == err["msg"]
