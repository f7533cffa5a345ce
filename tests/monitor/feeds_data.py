"""RSS and Atom documents for the monitor's tests, with English and French items written in the manner of
Sahel wire reports (the events, places and outlets are made up for these tests; the places are real).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from email.utils import format_datetime
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Story:
    guid: str
    title: str
    published: str  # YYYY-MM-DD
    text: str  # full text (paragraphs separated by blank lines)
    link: str = ""
    summary: str = ""
    outlet: str = ""
    language: str = "en"
    full: bool = True  # put the full text in the item (content:encoded / atom content)

    def variant(self, **changes: object) -> Story:
        return replace(self, **changes)  # type: ignore[arg-type]


AMBUSH = Story(
    guid="sahelwire-2024-0312-diafarabe",
    title="Gunmen ambush Malian soldiers near Diafarabe",
    published="2024-03-12",
    link="https://sahelwire.example/mali/ambush-diafarabe?utm_source=rss&utm_medium=feed",
    text=("Gunmen killed twelve Malian soldiers in an ambush near Diafarabe in the Mopti region on Monday. "
          "Several army vehicles were burnt.\n\n"
          "The road between Diafarabe and Tenenkou has been cut several times since the start of the year, "
          "and traders say convoys now travel only with an escort."),
)

CLAIM = Story(
    guid="sahelwire-2024-0313-jnim-claim",
    title="JNIM claims deadly ambush on Malian army near Diafarabe",
    published="2024-03-13",
    link="https://sahelwire.example/mali/jnim-claims-diafarabe",
    text=("The al-Qaeda-linked Group for the Support of Islam and Muslims (JNIM) claimed responsibility on "
          "Wednesday for Monday's ambush near Diafarabe in the Mopti region that killed twelve Malian soldiers, "
          "according to a statement relayed by the SITE Intelligence Group."),
)

TILLABERI = Story(
    guid="tag:journal-du-fleuve.example,2024-03-14:bankilare",
    title="Niger : une dizaine de civils tués dans une attaque près de Bankilaré",
    published="2024-03-14",
    link="https://journal-du-fleuve.example/niger/bankilare-attaque",
    language="fr",
    text=("NIAMEY, 14 mars - Des hommes armés non identifiés ont tué au moins dix civils dans le village de "
          "Bankilaré, dans la région de Tillabéri, dans la nuit de mardi à mercredi, selon des sources locales.\n\n"
          "Les assaillants, arrivés à moto, ont aussi emporté du bétail avant de repartir vers la frontière."),
)

DJIBO = Story(
    guid="tag:journal-du-fleuve.example,2024-03-15:djibo",
    title="Burkina : l'armée annonce avoir neutralisé des terroristes près de Djibo",
    published="2024-03-15",
    link="https://journal-du-fleuve.example/burkina/djibo-operation",
    language="fr",
    text=("OUAGADOUGOU, 15 mars - L'armée burkinabè a affirmé jeudi avoir neutralisé une trentaine de terroristes "
          "lors d'une opération près de Djibo, dans la province du Soum, selon un communiqué de l'état-major."),
)

DIALOGUE = Story(
    guid="sahelwire-2024-0316-dialogue",
    title="Mali's transitional authorities open national dialogue in Bamako",
    published="2024-03-16",
    link="https://sahelwire.example/mali/national-dialogue",
    text=("Mali's transitional authorities opened a national dialogue in Bamako on Saturday, with delegates from "
          "the regions invited to discuss the country's institutions and the timetable of the transition."),
)

# a wire story that other outlets republish with their own header and footer
TAHOUA = Story(
    guid="wire-2024-0320-tahoua",
    title="Suicide car bomb kills nine soldiers at army post in western Niger",
    published="2024-03-20",
    link="https://wire.example/niger/tahoua-car-bomb",
    text=("NIAMEY, March 20 - A suicide car bomb attack on an army post in Tassia, in the Tahoua region of "
          "western Niger, killed nine soldiers on Wednesday, the defence ministry said in a statement.\n\n"
          "The attackers drove a vehicle packed with explosives into the post before opening fire on the "
          "survivors, the statement said. Reinforcements were sent from Tahoua and the area was secured in the "
          "afternoon, according to the ministry.\n\n"
          "The region borders Mali, where armed groups linked to al-Qaeda and the Islamic State have been "
          "active for more than a decade. Niger's military government has recently reorganised its forces in "
          "the area after a series of attacks on isolated posts."),
)

# only a summary in the feed: the full text is on the linked page
BANDIAGARA_HTML = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Mali : des civils tués près de Bandiagara</title>
<meta property="og:site_name" content="Le Quotidien du Centre">
<meta name="date" content="2024-03-18"></head>
<body><nav><a href="/">Accueil</a> | <a href="/mali">Mali</a> | <a href="/sport">Sport</a></nav>
<article><h1>Mali : des civils tués près de Bandiagara</h1>
<p>MOPTI, 18 mars - Des hommes armés ont tué huit civils dimanche dans le village de Songho, près de
Bandiagara, dans le centre du Mali, selon des élus locaux joints par téléphone.</p>
<p>Les assaillants ont encerclé le village en fin d'après-midi et ont ouvert le feu sur des habitants qui
revenaient du marché. Plusieurs greniers ont été incendiés et des dizaines de familles ont fui vers
Bandiagara.</p>
<p>Aucun groupe n'a revendiqué l'attaque dans l'immédiat. La zone est régulièrement le théâtre de
violences attribuées aux groupes armés actifs dans le centre du pays.</p>
</article><footer>© Le Quotidien du Centre - Tous droits réservés</footer></body></html>
"""

BANDIAGARA = Story(
    guid="tag:lqdc.example,2024-03-18:songho",
    title="Mali : des civils tués près de Bandiagara",
    published="2024-03-18",
    link="",  # set by the test to the feed server's /articles/songho.html
    language="fr",
    summary="Des hommes armés ont tué des civils dimanche près de Bandiagara, selon des élus locaux.",
    text="",
    full=False,
)

REPUBLISHERS = [
    ("Sahel Today", "Sahel Today - {text}\n\nRead more Sahel news on our site."),
    ("Niamey Post", "{text}"),
    ("West Africa Monitor", "{text}\n\n(Reporting by our correspondents; editing by the desk)"),
    ("Daily Tribune", "From our partners: {text}"),
    ("Africa Brief", "{text}\n\nFollow us for more updates."),
    ("Desert Herald", "{text}"),
    ("Regional Times", "Breaking: {text}"),
    ("Continental Wire", "{text}\n\nCopyright wire service."),
    ("Lake Chad Review", "{text}"),
    ("Sahel Observer", "{text}\n\nShare this story."),
]


def republished(story: Story, outlet: str, template: str, index: int) -> Story:
    text = story.text.replace("NIAMEY, March 20 - ", "NIAMEY, March 20 (Wire) - " if index % 2 else "NIAMEY, March 20 - ")
    slug = outlet.lower().replace(" ", "-")
    return story.variant(guid=f"{slug}-{story.guid}", outlet=outlet, text=template.format(text=text),
                         link=f"https://{slug}.example/news/{story.guid}/?fbclid=abc{index}#comments")


def _rfc822(day: str, hour: int = 9) -> str:
    when = dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC)
    return format_datetime(when)


def _html(text: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n") if p.strip())


def rss(stories: list[Story], *, title: str = "Sahel Wire", language: str = "en", encoding: str = "utf-8",
        declared: str | None = None) -> bytes:
    """An RSS 2.0 document (``declared`` is the encoding the XML declaration names, to test wrong ones)."""
    items = []
    for s in stories:
        summary = s.summary or (s.text.split("\n\n")[0][:180] if s.text else "")
        parts = [f"<title>{escape(s.title)}</title>", f"<link>{escape(s.link)}</link>" if s.link else "",
                 f'<guid isPermaLink="false">{escape(s.guid)}</guid>', f"<pubDate>{_rfc822(s.published)}</pubDate>",
                 f"<description>{escape(summary)}</description>"]
        if s.outlet:
            parts.append(f'<source url="https://{s.outlet.lower().replace(" ", "-")}.example/rss">'
                         f"{escape(s.outlet)}</source>")
        if s.full and s.text:
            parts.append(f"<content:encoded><![CDATA[{_html(s.text)}]]></content:encoded>")
        items.append("<item>" + "".join(parts) + "</item>")
    doc = (f'<?xml version="1.0" encoding="{declared or encoding}"?>\n'
           '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
           f"<channel><title>{escape(title)}</title><link>https://example.org/</link>"
           f"<description>{escape(title)} feed</description><language>{language}</language>"
           + "".join(items) + "</channel></rss>")
    return doc.encode(encoding, errors="xmlcharrefreplace") if encoding != "utf-8" else doc.encode("utf-8")


def atom(stories: list[Story], *, title: str = "Journal du Fleuve", language: str = "fr") -> bytes:
    """An Atom 1.0 document."""
    entries = []
    for s in stories:
        stamp = f"{s.published}T08:30:00Z"
        parts = [f"<title>{escape(s.title)}</title>", f"<id>{escape(s.guid)}</id>",
                 f'<link rel="alternate" href="{escape(s.link)}"/>' if s.link else "",
                 f"<published>{stamp}</published>", f"<updated>{stamp}</updated>"]
        if s.summary or not s.full:
            parts.append(f"<summary>{escape(s.summary)}</summary>")
        if s.full and s.text:
            parts.append(f'<content type="html">{escape(_html(s.text))}</content>')
        entries.append("<entry>" + "".join(parts) + "</entry>")
    doc = (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{language}">'
           f"<title>{escape(title)}</title><id>urn:eventcoder-test:{escape(title)}</id>"
           "<updated>2024-03-20T00:00:00Z</updated>" + "".join(entries) + "</feed>")
    return doc.encode("utf-8")


_TOWNS = [
    ("Djibo", "Burkina Faso", "Sahel"), ("Dori", "Burkina Faso", "Sahel"), ("Kaya", "Burkina Faso", "Centre-Nord"),
    ("Arbinda", "Burkina Faso", "Sahel"), ("Sebba", "Burkina Faso", "Sahel"), ("Titao", "Burkina Faso", "Nord"),
    ("Barsalogho", "Burkina Faso", "Centre-Nord"), ("Kongoussi", "Burkina Faso", "Centre-Nord"),
    ("Gorom-Gorom", "Burkina Faso", "Sahel"), ("Fada N'Gourma", "Burkina Faso", "Est"),
    ("Douentza", "Mali", "Mopti"), ("Boni", "Mali", "Mopti"), ("Bankass", "Mali", "Mopti"), ("Koro", "Mali", "Mopti"),
    ("Niono", "Mali", "Segou"), ("Macina", "Mali", "Segou"), ("Ansongo", "Mali", "Gao"), ("Bourem", "Mali", "Gao"),
    ("Menaka", "Mali", "Menaka"), ("Hombori", "Mali", "Mopti"),
    ("Ouallam", "Niger", "Tillaberi"), ("Ayorou", "Niger", "Tillaberi"), ("Tera", "Niger", "Tillaberi"),
    ("Banibangou", "Niger", "Tillaberi"), ("Abala", "Niger", "Tillaberi"), ("Torodi", "Niger", "Tillaberi"),
    ("Makalondi", "Niger", "Tillaberi"), ("Tassara", "Niger", "Tahoua"), ("Tillia", "Niger", "Tahoua"),
    ("Diffa", "Niger", "Diffa"),
]
_NUMBERS = ["four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
            "fifteen"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def many_stories(count: int, *, start: str = "2024-04-01", prefix: str = "bulk") -> list[Story]:
    """``count`` distinct short wire reports, one attack each, on different days and in different towns."""
    first = dt.date.fromisoformat(start)
    stories = []
    for i in range(count):
        town, country, region = _TOWNS[i % len(_TOWNS)]
        day = first + dt.timedelta(days=i + 30 * (i // len(_TOWNS)))
        published = day + dt.timedelta(days=1)
        weekday = _WEEKDAYS[day.weekday()]
        number = _NUMBERS[i % len(_NUMBERS)] if i < len(_NUMBERS) else str(3 + (i * 7) % 40)
        text = (f"Gunmen killed {number} civilians in an attack on {town} in the {region} region of {country} "
                f"on {weekday} ({day.day} {day:%B} {day.year}), residents told reporters. The attackers also burnt "
                "shops and stole cattle before leaving on motorbikes.")
        stories.append(Story(guid=f"{prefix}-{i:04d}", title=f"Gunmen kill {number} civilians in {town}",
                             published=published.isoformat(), text=text,
                             link=f"https://wire.example/{prefix}/{i:04d}?utm_campaign=rss"))
    return stories
