"""The media kit: original files plus a credits.txt naming title, credit and licence."""

import posixpath
import zipfile

from django.utils.text import slugify
from django.utils.translation import gettext as _


def file_names(assets) -> list[str]:
    """Readable, unique names inside the archive: "01-titel.jpg", "02-…"."""
    names = []
    for number, asset in enumerate(assets, start=1):
        extension = posixpath.splitext(asset.image.name)[1].lower() or ".jpg"
        names.append(f"{number:02d}-{slugify(asset.title)[:60] or 'bild'}{extension}")
    return names


def credits_text(release, assets, names, absolute) -> str:
    lines = [release.title, absolute(release.get_absolute_url()), ""]
    for name, asset in zip(names, assets, strict=True):
        lines += [
            name,
            f"  {_('Titel')}: {asset.title}",
            f"  {_('Bildnachweis')}: {asset.credit or _('nicht angegeben')}",
            f"  {_('Lizenz')}: {asset.licence or _('nicht angegeben')}",
        ]
        if asset.caption:
            lines.append(f"  {_('Bildunterschrift')}: {asset.caption}")
        lines.append("")
    return "\r\n".join(lines)


def write(archive: zipfile.ZipFile, release, assets, absolute) -> None:
    names = file_names(assets)
    for name, asset in zip(names, assets, strict=True):
        with asset.image.open("rb") as original:
            archive.writestr(name, original.read())
    archive.writestr("credits.txt", credits_text(release, assets, names, absolute))
