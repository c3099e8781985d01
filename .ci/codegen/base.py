"""Base class for the pydantic models generated from childwelfare's schemas.

A field whose JSON name is a Python keyword (`with`) becomes `with_` with an
alias; serialising by alias writes the JSON name back, so that a model dumped
with default options reads back into the crate.
"""

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True, validate_by_alias=True)
