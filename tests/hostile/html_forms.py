"""The <form> elements of a page as a browser would send them: action, method, enctype and the
named controls with their kinds, options and current values.

The hostile suite reads each form from the page the role is shown, so a field added to a
template or a form class is swept without anyone listing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

# What a control is, for choosing its hostile values.
TEXT, EMAIL, PASSWORD, NUMBER, DATE, DATETIME, TIME = (
    "text", "email", "password", "number", "date", "datetime", "time",
)  # fmt: skip
HIDDEN, CHOICE, MULTIPLE, CHECKBOX, FILE, SUBMIT = (
    "hidden", "choice", "multiple", "checkbox", "file", "submit",
)  # fmt: skip
INPUT_KINDS = {
    "email": EMAIL,
    "password": PASSWORD,
    "number": NUMBER,
    "range": NUMBER,
    "date": DATE,
    "datetime-local": DATETIME,
    "time": TIME,
    "hidden": HIDDEN,
    "file": FILE,
}
# Controls a browser never sends a value of.
NOT_SENT = {"button", "reset", "image"}
CSRF = "csrfmiddlewaretoken"


@dataclass
class Control:
    name: str
    kind: str
    options: list[str] = field(default_factory=list)
    # What the browser sends as the page stands (checked boxes, selected options, the text).
    current: list[str] = field(default_factory=list)
    required: bool = False


@dataclass
class Form:
    action: str  # a path, with its query string
    method: str  # "GET" or "POST"
    multipart: bool
    htmx: bool
    controls: dict[str, Control] = field(default_factory=dict)

    def control(self, name: str, kind: str, required: bool = False) -> Control:
        if name not in self.controls:
            self.controls[name] = Control(name=name, kind=kind, required=required)
        return self.controls[name]

    def current(self) -> dict[str, list[str]]:
        """What sending the form untouched sends (the first named submit button included)."""
        data = {}
        for control in self.controls.values():
            if control.kind == SUBMIT:
                continue
            if control.current:
                data[control.name] = list(control.current)
        submit = next((c for c in self.controls.values() if c.kind == SUBMIT), None)
        if submit is not None:
            data[submit.name] = [submit.options[0]]
        return data


class _Parser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Control | None = None
        self._option: tuple[str | None, bool] | None = None
        self._option_text = ""
        self._textarea: Control | None = None
        self._textarea_text = ""

    def handle_starttag(self, tag, attrs):
        a = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "form":
            self._start_form(a)
        elif self._form is None:
            return
        elif tag == "input":
            self._input(a)
        elif tag == "button":
            if a.get("name") and a.get("type", "submit") == "submit":
                self._form.control(a["name"], SUBMIT).options.append(a.get("value", ""))
        elif tag == "select" and a.get("name"):
            kind = MULTIPLE if "multiple" in a else CHOICE
            self._select = self._form.control(a["name"], kind, "required" in a)
        elif tag == "option" and self._select is not None:
            self._option = (a.get("value"), "selected" in a)
            self._option_text = ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = self._form.control(a["name"], TEXT, "required" in a)
            self._textarea_text = ""

    def handle_data(self, data):
        if self._option is not None:
            self._option_text += data
        if self._textarea is not None:
            self._textarea_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "option" and self._option is not None and self._select is not None:
            value, selected = self._option
            value = self._option_text.strip() if value is None else value
            self._select.options.append(value)
            if selected:
                self._select.current.append(value)
            self._option = None
        elif tag == "select" and self._select is not None:
            if self._select.kind == CHOICE and not self._select.current and self._select.options:
                self._select.current = [self._select.options[0]]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the one newline that follows <textarea>.
            text = self._textarea_text.removeprefix("\n")
            self._textarea.current = [text]
            self._textarea = None

    def _start_form(self, a: dict) -> None:
        action = urljoin(self.page_url, a.get("action") or self.page_url)
        parts = urlsplit(action)
        self._form = Form(
            action=parts.path + (f"?{parts.query}" if parts.query else ""),
            method=(a.get("method") or "get").upper(),
            multipart=a.get("enctype", "").lower() == "multipart/form-data",
            htmx="hx-post" in a,
        )
        self.forms.append(self._form)

    def _input(self, a: dict) -> None:
        name, kind = a.get("name"), a.get("type", "text").lower()
        if not name or kind in NOT_SENT or name == CSRF:
            return
        required = "required" in a
        if kind == "submit":
            self._form.control(name, SUBMIT).options.append(a.get("value", ""))
        elif kind in ("radio", "checkbox"):
            control = self._form.control(name, CHOICE if kind == "radio" else CHECKBOX, required)
            value = a.get("value", "on")
            control.options.append(value)
            if "checked" in a:
                control.current.append(value)
        else:
            control = self._form.control(name, INPUT_KINDS.get(kind, TEXT), required)
            if control.kind == TEXT:
                control.kind = _text_kind(a)
            control.current = [a.get("value", "")]


# The admin's widgets are text inputs that say what they hold in their class.
ADMIN_CLASSES = {
    "vDateField": DATE,
    "vTimeField": TIME,
    "vIntegerField": NUMBER,
    "vBigIntegerField": NUMBER,
    "vForeignKeyRawIdAdminField": HIDDEN,
    "vManyToManyRawIdAdminField": HIDDEN,
}


def _text_kind(attrs: dict) -> str:
    """What a text input holds, by its inputmode or the admin's class."""
    if attrs.get("inputmode") in ("decimal", "numeric"):
        return NUMBER
    for css_class in attrs.get("class", "").split():
        if css_class in ADMIN_CLASSES:
            return ADMIN_CLASSES[css_class]
    return TEXT


def forms_of(html: str, page_url: str) -> list[Form]:
    """Every form of the page; a group of checkboxes is one MULTIPLE control."""
    parser = _Parser(page_url)
    parser.feed(html)
    parser.close()
    for form in parser.forms:
        for control in form.controls.values():
            if control.kind == CHECKBOX and len(control.options) > 1:
                control.kind = MULTIPLE
    return parser.forms
