"""Reference checks: contacts, with a way to reach each one; sources; and every ID a file refers to (a
contact, a source, a page, a guide) exists. The Checker here is shared by every data file."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from borgerguide.languages import Languages
from borgerguide.rules.checks.base import line_of, suggest
from borgerguide.rules.checks.texts import TextChecker
from borgerguide.rules.model import Contact, Source, Text

if TYPE_CHECKING:
    from borgerguide.municipality import Municipality

CHANNEL_KEYS = ("phone", "address", "opening_hours", "email", "web")
CONTACT_KEYS = {
    "name": True,
    "about": False,
    "municipality": False,
    "sources": False,  # where the phone number or address is published
    **dict.fromkeys(CHANNEL_KEYS, False),
}
SOURCE_KEYS = {"title": True, "url": False}

PHONE_PATTERN = re.compile(r"^(\+\d{2} )?\d{2}( \d{2}){3}$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


class Checker(TextChecker):
    """The checks of shape, texts and references, shared by every data file; collects problems while a file
    is walked.

    ``sources`` is the source registry; without it (a file checked alone) source IDs are not looked up.
    ``municipality`` gives the channels of the contacts that refer to it; without it they keep none.
    """

    def __init__(
        self,
        file: str,
        languages: Languages,
        *,
        sources: Mapping[str, Source] | None = None,
        municipality: Municipality | None = None,
    ) -> None:
        super().__init__(file, languages)
        self.sources = sources
        self.municipality = municipality
        # Every contact ID the file declares, also those whose entry has a problem of its own (a missing
        # translation): a reference to one is not reported again as an unknown contact.
        self.declared_contacts: set[str] = set()

    def unknown_ids(
        self,
        items: list[tuple[str, int | None]],
        known: Collection[str],
        message: str,
        where: str | None,
        otherwise: str,
    ) -> None:
        """A problem for each ID of ``items`` (ID, line) not in ``known``: ``message`` with the ID in its ``{}``,
        and as the hint the closest known ID, or ``otherwise`` when none is close."""
        for item, line in items:
            if item not in known:
                guess = suggest(item, known)
                self.problem(line, message.format(item), where, f"Did you mean '{guess}'?" if guess else otherwise)

    # -- contacts ---------------------------------------------------------------------------------

    def contacts(self, data: Any, line: int | None) -> dict[str, Contact]:
        """The contact registry: ID -> contact, each with its own channels or the municipality's."""
        result: dict[str, Contact] = {}
        if isinstance(data, Mapping):
            self.declared_contacts.update(str(contact_id) for contact_id in data)
        for contact_id, fields, node, key_line in self.entries(data, line, "contact", CONTACT_KEYS):
            name = self.text(fields, "name", node)
            about = self.text(fields, "about", node)
            self.source_ids(fields, node)
            municipal = self.string(fields, "municipality", node)
            if municipal is not None:
                contact = self.municipal_contact(str(contact_id), fields, municipal, name, about, node)
            else:
                contact = self.own_contact(str(contact_id), fields, name, about, node, key_line)
            if contact is not None:
                result[str(contact_id)] = contact
        return result

    def channels(self, fields: Mapping[Any, Any], node: str) -> dict[str, Any]:
        """The channel keys of a contact (phone, address, opening hours, e-mail, web), checked for form."""
        phone = self.string(fields, "phone", node)
        if phone is not None and not PHONE_PATTERN.match(phone):
            self.problem(
                line_of(fields, "phone"),
                f"the phone number '{phone}' is not in the form '33 98 00 10'.",
                node,
                "Write 8 digits in pairs with spaces, in quotes.",
            )
        web = self.string(fields, "web", node)
        if web is not None and not web.startswith("https://"):
            self.problem(
                line_of(fields, "web"),
                f"the web address '{web}' must start with https://.",
                node,
                "Write the full address, e.g. https://www.borger.dk.",
            )
        email = self.string(fields, "email", node)
        if email is not None and not EMAIL_PATTERN.match(email):
            self.problem(
                line_of(fields, "email"),
                f"the e-mail address '{email}' is not an e-mail address.",
                node,
                "Write it as name@domain.dk, without 'mailto:'.",
            )
        return {
            "phone": phone,
            "address": self.string(fields, "address", node),
            "opening_hours": self.text(fields, "opening_hours", node),
            "email": email,
            "web": web,
        }

    def own_contact(
        self,
        contact_id: str,
        fields: Mapping[Any, Any],
        name: Text | None,
        about: Text | None,
        node: str,
        line: int | None,
    ) -> Contact | None:
        channels = self.channels(fields, node)
        contact = Contact(contact_id, name, about, **channels) if name is not None else None
        if contact is not None and not contact.has_channel:
            how = (
                "An address needs 'opening_hours:' too, so a reader knows when to come. " if channels["address"] else ""
            )
            self.problem(
                line,
                "the contact has no way to reach it: no phone, web address or e-mail address.",
                node,
                how + "Add 'phone:', 'web:' or 'email:'; for the municipality's own units use "
                "'municipality: <entry in data/municipality.yml>'.",
            )
        return contact

    def municipal_contact(
        self,
        contact_id: str,
        fields: Mapping[Any, Any],
        entry: str,
        name: Text | None,
        about: Text | None,
        node: str,
    ) -> Contact | None:
        """A contact whose channels are the municipality's own details, kept in data/municipality.yml."""
        repeated = [key for key in CHANNEL_KEYS if key in fields]
        for key in repeated:
            self.problem(
                line_of(fields, key),
                f"'{key}' is set here and the contact also takes its details from data/municipality.yml.",
                node,
                f"Remove '{key}:' here and write it under '{entry}:' in data/municipality.yml, so it is typed once.",
            )
        if self.municipality is None:
            return Contact(contact_id, name, about, municipality=entry) if name is not None else None
        details = self.municipality.contacts.get(entry)
        if details is None:
            guess = suggest(entry, self.municipality.contacts)
            self.problem(
                line_of(fields, "municipality"),
                f"'{entry}' is not an entry under 'contacts:' in data/municipality.yml.",
                node,
                f"Did you mean '{guess}'?" if guess else "Add the entry to data/municipality.yml first.",
            )
            return None
        if name is None:
            return None
        return Contact(
            contact_id,
            name,
            about,
            phone=details.phone,
            address=details.address,
            web=details.web,
            email=details.email,
            opening_hours=details.opening_hours,
            municipality=entry,
        )

    # -- sources ----------------------------------------------------------------------------------

    def source_registry(self, data: Any, line: int | None) -> dict[str, Source]:
        """The source registry (data/sources.yml): ID -> title and address."""
        result: dict[str, Source] = {}
        for source_id, fields, node, _ in self.entries(data, line, "source", SOURCE_KEYS):
            title = self.string(fields, "title", node)
            url = self.string(fields, "url", node)
            if url is not None and not url.startswith("https://"):
                self.problem(
                    line_of(fields, "url"),
                    f"the address '{url}' must start with https://.",
                    node,
                    "Copy the full address from the browser's address bar.",
                )
            if title is not None:
                result[str(source_id)] = Source(str(source_id), title, url)
        return result

    def source_ids(self, fields: Mapping[Any, Any], where: str) -> list[str]:
        """The 'sources' of an outcome: at least one, each an ID under 'sources:' at the top of the file."""
        items = self.id_list(fields, "sources", where)
        if "sources" in fields and not items and isinstance(fields.get("sources"), list):
            self.problem(
                line_of(fields, "sources"),
                "'sources' is empty: say where the facts come from.",
                where,
                "Add the ID of a source from data/sources.yml, e.g. [borger-dk-selvbetjening].",
            )
        if self.sources is not None:
            self.unknown_ids(
                items, self.sources, "unknown source '{}'.", where, "Add the source to data/sources.yml first."
            )
        return [source_id for source_id, _ in items]
