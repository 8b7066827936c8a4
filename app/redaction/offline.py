"""Keep the detection libraries offline.

Presidio's e-mail and URL recognizers validate matches with the module-level
`tldextract.extract()`, which calls `tldextract.tldextract.TLD_EXTRACTOR`. That
default extractor would download the public suffix list on first use (and cache
it under ~/.cache). These machines have no network, and a redaction must never
depend on one, so it is replaced by an extractor with no URLs and no cache that
uses the snapshot bundled in the package.
"""

from __future__ import annotations


def make_tldextract_offline() -> None:
    import tldextract
    import tldextract.tldextract as impl

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    # Load the snapshot now, at startup, rather than inside a request.
    offline("example.com")
    impl.TLD_EXTRACTOR = offline
