"""OpenAPI paths and schemas for the property register (homes_api.py)."""

from __future__ import annotations

from typing import Any

from contact_hub.services.homes.rows import TENURES

_ERR = {"$ref": "#/components/schemas/Error"}
_REF = {"name": "reference", "in": "path", "required": True,
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$"},
        "description": "the landlord's own reference"}
_TEXT = {"type": ["string", "null"]}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    words = {"400": "a field is missing or wrong (the message names it), or the UPRN is "
                    "already on another property", "401": "missing or invalid bearer token",
             "403": "the token's role is not allowed (writing needs admin)",
             "404": "not in the register"}
    return {code: {"description": words[code], **_json(_ERR)} for code in codes}


_PROPERTY_IN: dict[str, Any] = {
    "type": "object", "required": ["address_line_1", "postcode"],
    "properties": {
        "uprn": {"type": ["string", "null"], "pattern": "^[0-9]{1,12}$"},
        "address_line_1": {"type": "string", "maxLength": 200},
        "address_line_2": {**_TEXT, "maxLength": 200}, "town": {**_TEXT, "maxLength": 100},
        "postcode": {"type": "string", "example": "LS1 4AP"},
        "building_id": _TEXT, "building_name": _TEXT,
        "higher_risk": {"type": "boolean", "description": "a higher-risk building (Building "
                                                          "Safety Act 2022)"}},
}
_MEMBER = {"type": "object", "required": ["name"], "properties": {
    "name": {"type": "string", "maxLength": 200},
    "phones": {"type": "array", "items": {"type": "string"}, "description": "E.164 out"},
    "emails": {"type": "array", "items": {"type": "string"}},
    "date_of_birth": {"type": ["string", "null"], "format": "date"},
    "vulnerabilities": {"type": "array", "items": {"type": "string", "maxLength": 100},
                        "description": "as recorded, e.g. 'oxygen user'"},
    "reasonable_adjustments": {"type": "array", "items": {"type": "string"}}}}
_TENANCY_IN: dict[str, Any] = {
    "type": "object", "required": ["property_ref"],
    "properties": {
        "property_ref": {"type": "string"},
        "tenure": {"enum": [*TENURES, None]},
        "start_date": {"type": ["string", "null"], "format": "date"},
        "end_date": {"type": ["string", "null"], "format": "date"},
        "members": {"type": "array", "maxItems": 50, "items": _MEMBER,
                    "description": "the whole household; members not listed stop being "
                                   "current"}},
}

HOME_PATHS: dict[str, Any] = {
    "/properties/{reference}": {
        "get": {"summary": "A property with its building, tenancies and current household",
                "parameters": [_REF],
                "responses": {"200": {"description": "the property",
                                      **_json({"$ref": "#/components/schemas/Property"})},
                              **_errors("401", "403", "404")}},
        "put": {"summary": "Create or replace a property (admin); the same checks as "
                           "`contact-hub import homes`",
                "parameters": [_REF], "requestBody": {"required": True, **_json(_PROPERTY_IN)},
                "responses": {"200": {"description": "the property afterwards",
                                      **_json({"$ref": "#/components/schemas/Property"})},
                              **_errors("400", "401", "403")}},
    },
    "/tenancies/{reference}": {
        "get": {"summary": "A tenancy and its current household", "parameters": [_REF],
                "responses": {"200": {"description": "the tenancy",
                                      **_json({"$ref": "#/components/schemas/Tenancy"})},
                              **_errors("401", "403", "404")}},
        "put": {"summary": "Create or replace a tenancy and its household (admin)",
                "parameters": [_REF], "requestBody": {"required": True, **_json(_TENANCY_IN)},
                "responses": {"200": {"description": "the tenancy afterwards",
                                      **_json({"$ref": "#/components/schemas/Tenancy"})},
                              **_errors("400", "401", "403")}},
    },
}

HOME_SCHEMAS: dict[str, Any] = {
    "Tenancy": {"type": "object", "properties": {
        "reference": {"type": "string"}, **_TENANCY_IN["properties"]}},
    "Property": {"type": "object", "properties": {
        "reference": {"type": "string"}, "address": {"type": "string",
                                                     "description": "on one line"},
        **_PROPERTY_IN["properties"],
        "tenancies": {"type": "array", "items": {"$ref": "#/components/schemas/Tenancy"}}}},
    "PropertyRef": {"type": ["object", "null"], "description": "where the contact comes "
                    "from, when the register knows", "properties": {
                        "reference": {"type": "string"}, "uprn": _TEXT,
                        "address": {"type": "string"}, "building_id": _TEXT,
                        "higher_risk": {"type": "boolean"}}},
}
