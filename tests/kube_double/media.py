"""Content negotiation over the Accept header, the way the API server does it:
media types are tried in order of preference, and a type with `as`/`g`/`v`
parameters asks for a different representation (Table, metadata-only
objects, aggregated discovery)."""

from dataclasses import dataclass

from errors import not_acceptable

JSON = "application/json"
YAML = "application/yaml"

# `as` representation -> (group, versions) the double can produce
_REPRESENTATIONS = {
    "Table": ("meta.k8s.io", ("v1", "v1beta1")),
    "PartialObjectMetadata": ("meta.k8s.io", ("v1", "v1beta1")),
    "PartialObjectMetadataList": ("meta.k8s.io", ("v1", "v1beta1")),
    "APIGroupDiscoveryList": ("apidiscovery.k8s.io", ("v2", "v2beta1")),
}


@dataclass(frozen=True)
class Choice:
    media_type: str  # application/json or application/yaml
    representation: str = ""  # "" for the plain object, else an `as` value
    version: str = ""

    @property
    def content_type(self) -> str:
        if not self.representation:
            return self.media_type
        group = _REPRESENTATIONS[self.representation][0]
        return f"{self.media_type};g={group};v={self.version};as={self.representation}"


def parse_accept(header: str) -> list[tuple[str, dict]]:
    """Media ranges with their parameters, most preferred first."""
    ranges = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        params = {}
        for f in fields[1:]:
            k, _, v = f.partition("=")
            params[k.strip().lower()] = v.strip().strip('"')
        try:
            q = float(params.pop("q", "1"))
        except ValueError:
            q = 0.0
        if q > 0:
            ranges.append((-q, i, fields[0].lower(), params))
    ranges.sort()
    return [(mt, params) for _, _, mt, params in ranges]


def negotiate(header: str | None, representations: tuple = ()) -> Choice:
    """Picks the response format; `representations` lists the `as` values the
    endpoint can produce besides the plain object. Raises 406 if nothing fits."""
    if not header:
        return Choice(JSON)
    for mt, params in parse_accept(header):
        if mt in ("*/*", "application/*"):
            mt = JSON
        if mt not in (JSON, YAML):
            continue
        rep = params.get("as")
        if rep is None:
            return Choice(mt)
        if rep not in representations:
            continue
        group, versions = _REPRESENTATIONS[rep]
        if params.get("g") == group and params.get("v") in versions:
            return Choice(mt, rep, params["v"])
    raise not_acceptable([JSON, YAML])
