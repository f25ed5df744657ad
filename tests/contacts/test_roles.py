"""The register's roles are the roles respondents give: one list, kept in the register."""

from contacts.roles import DEFAULT_ROLE, ContactRole
from surveys.models import Response


def test_the_register_and_the_responses_have_the_same_roles():
    assert [(v, str(label)) for v, label in ContactRole.choices] == [
        (v, str(label)) for v, label in Response.Role.choices
    ]


def test_a_round_takes_the_mas_addresses_unless_told_otherwise():
    assert DEFAULT_ROLE == "mas"
