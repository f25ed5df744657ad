"""The roles a contact address is kept for: the people a survey is sent to and who answer it.

A module of its own, without models, so that surveys can refer to these choices without
loading the register: the register is the lower layer (it knows organisations only), and
surveys use it, never the other way round. A respondent's role (surveys.models.Response.Role)
is this class.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactRole(models.TextChoices):
    HEAD_OF_OPERATIONS = "verksamhetschef", _("Verksamhetschef")
    UNIT_MANAGER = "enhetschef", _("Enhetschef")
    MAS = "mas", _("MAS")
    MAR = "mar", _("MAR")
    NURSE = "ssk", _("SSK")
    ADMINISTRATION_HEAD = "forvaltningschef", _("Förvaltningschef")
    DISTRICT_NURSE = "distriktsskoterska", _("Distriktssköterska")
    OTHER = "annan", _("Annan")


# The role a round's addresses are taken from unless the secretariat chooses another.
DEFAULT_ROLE = ContactRole.MAS
ROLE_ORDER = {value: index for index, value in enumerate(ContactRole.values)}
