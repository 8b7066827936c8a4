"""A Presidio registry that hands out its recognizers in the order they were added.

Presidio's `RecognizerRegistry.get_recognizers` collects the recognizers for the
requested entities in a `set` and returns `list(set)`: the order follows the
objects' ids, so it changes from one process to the next. The order matters
when two recognizers report the same span, entity and score (`nationality` and
`passport_country` on "Mexico"): `EntityRecognizer.remove_duplicates` keeps the
first one it saw, and its name is the `detector` written to the audit record. The
same document must give the same audit record every time, so the registration
order decides.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerRegistry


class OrderedRecognizerRegistry(RecognizerRegistry):
    def get_recognizers(
        self,
        language: str,
        entities: list[str] | None = None,
        all_fields: bool = False,
        ad_hoc_recognizers: list[EntityRecognizer] | None = None,
    ) -> list[EntityRecognizer]:
        chosen = super().get_recognizers(
            language=language,
            entities=entities,
            all_fields=all_fields,
            ad_hoc_recognizers=ad_hoc_recognizers,
        )
        rank = {id(r): i for i, r in enumerate([*self.recognizers, *(ad_hoc_recognizers or [])])}
        return sorted(chosen, key=lambda r: rank.get(id(r), len(rank)))
