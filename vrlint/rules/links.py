"""VR4xx: link destinations that are broken, damaged or misleading.

Every link of the document is checked (``Document.links``: Markdown links,
images, autolinks and raw-HTML ``href``/``src``); nothing inside code blocks
or HTML comments is ever seen.

Damage to a destination is diagnosed once: :func:`damage` runs the checks
in a fixed order (empty, a link pasted into the destination, doubled
parentheses, stray characters, a missing slash after the host, a trailing dot
on the host, a malformed scheme or host, a missing scheme) and the first one
that applies owns the destination, so one typo never produces several
reports. The remaining rules (``http://``, URL shorteners, allowed hosts,
badge/link disagreement, links to another row's repository) only look at
destinations without such damage.

Fixes edit the destination as written in the source. When the source spells
the destination differently from its resolved URL (backslash escapes,
entities) the checks are run again on the source text, and no fix is offered
if they do not find the same damage there. Reference links (``[x][ref]``)
are reported at the link, without a fix.

All regexes are anchored or use disjoint character classes, with no nested
quantifiers, so they run in linear time on any input.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple
from urllib.parse import urlsplit

from vrlint.diagnostics import Applicability, Diagnostic, Edit, Fix
from vrlint.document import Document, Link, Span
from vrlint.lazyre import lazy_pattern
from vrlint.records.rows import letters_key
from vrlint.records.urls import GITHUB_OWNER, REPO_NAME, classify_url, split_host, split_url
from vrlint.rules.base import Context, rule

if TYPE_CHECKING:
    from vrlint.records.models import Entry, Position, TableRecord

__all__ = [
    "DEFAULT_HTTPS_HOSTS",
    "KNOWN_SITES",
    "SHORTENER_HOSTS",
    "TOP_LEVEL_DOMAINS",
    "Damage",
    "RepoRef",
    "badge_repository",
    "damage",
    "host_matches",
    "link_repository",
]

# ---------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------

#: IANA root zone (https://data.iana.org/TLD/tlds-alpha-by-domain.txt,
#: version 2026100300), lowercase; IDN TLDs in their ``xn--`` form.
TOP_LEVEL_DOMAINS: frozenset[str] = frozenset(
    """
    aaa aarp abb abbott abbvie abc able abogado abudhabi ac academy accenture accountant accountants aco
    actor ad ads adult ae aeg aero aetna af afl africa ag agakhan agency ai aig airbus airforce airtel
    akdn al alibaba alipay allfinanz allstate ally alsace alstom am amazon americanexpress
    americanfamily amex amfam amica amsterdam analytics android anquan anz ao aol apartments app apple
    aq aquarelle ar arab aramco archi army arpa art arte as asda asia associates at athleta attorney au
    auction audi audible audio auspost author auto autos aw aws ax axa az azure ba baby baidu banamex
    band bank bar barcelona barclaycard barclays barefoot bargains baseball basketball bauhaus bayern
    bb bbc bbt bbva bcg bcn bd be beats beauty beer berlin best bestbuy bet bf bg bh bharti bi bible bid
    bike bing bingo bio biz bj black blackfriday blockbuster blog bloomberg blue bm bms bmw bn bnpparibas
    bo boats boehringer bofa bom bond boo book booking bosch bostik boston bot boutique box br bradesco
    bridgestone broadway broker brother brussels bs bt build builders business buy buzz bv bw by bz bzh
    ca cab cafe cal call calvinklein cam camera camp canon capetown capital capitalone car caravan cards
    care career careers cars casa case cash casino cat catering catholic cba cbn cbre cc cd center ceo
    cern cf cfa cfd cg ch chanel channel charity chase chat cheap chintai christmas chrome church ci
    cipriani circle cisco citadel citi citic city ck cl claims cleaning click clinic clinique clothing
    cloud club clubmed cm cn co coach codes coffee college cologne com commbank community company compare
    computer comsec condos construction consulting contact contractors cooking cool coop corsica country
    coupon coupons courses cpa cr credit creditcard creditunion cricket crown crs cruise cruises cu
    cuisinella cv cw cx cy cymru cyou cz dad dance data date dating datsun day dclk dds de deal dealer
    deals degree delivery dell deloitte delta democrat dental dentist desi design dev dhl diamonds diet
    digital direct directory discount discover dish diy dj dk dm dnp do docs doctor dog domains dot
    download drive dtv dubai dupont durban dvag dvr dz earth eat ec eco edeka edu education ee eg email
    emerck energy engineer engineering enterprises epson equipment er ericsson erni es esq estate et eu
    eurovision eus events exchange expert exposed express extraspace fage fail fairwinds faith family
    fan fans farm farmers fashion fast fedex feedback ferrari ferrero fi fidelity fido film final
    finance financial fire firestone firmdale fish fishing fit fitness fj fk flickr flights flir florist
    flowers fly fm fo foo food football ford forex forsale forum foundation fox fr free fresenius frl
    frogans frontier ftr fujitsu fun fund furniture futbol fyi ga gal gallery gallo gallup game games
    gap garden gay gb gbiz gd gdn ge gea gent genting george gf gg ggee gh gi gift gifts gives giving
    gl glass gle global globo gm gmail gmbh gmo gmx gn godaddy gold goldpoint golf goodyear goog google
    gop got gov gp gq gr grainger graphics gratis green gripe grocery group gs gt gu gucci guge guide
    guitars guru gw gy hair hamburg hangout haus hbo hdfc hdfcbank health healthcare help helsinki here
    hermes hiphop hisamitsu hitachi hiv hk hkt hm hn hockey holdings holiday homedepot homegoods homes
    homesense honda horse hospital host hosting hot hotels hotmail house how hr hsbc ht hu hughes hyatt
    hyundai ibm icbc ice icu id ie ieee ifm ikano il im imamat imdb immo immobilien in inc industries
    infiniti info ing ink institute insurance insure int international intuit investments io ipiranga
    iq ir irish is ismaili ist istanbul it itau itv jaguar java jcb je jeep jetzt jewelry jio jll jm jmp
    jnj jo jobs joburg jot joy jp jpmorgan jprs juegos juniper kaufen kddi ke kerryhotels kerryproperties
    kfh kg kh ki kia kids kim kindle kitchen kiwi km kn koeln komatsu kosher kp kpmg kpn kr krd kred
    kuokgroup kw ky kyoto kz la lacaixa lamborghini lamer land landrover lanxess lasalle lat latino
    latrobe law lawyer lb lc lds lease leclerc lefrak legal lego lexus lgbt li lidl life lifeinsurance
    lifestyle lighting like lilly limited limo lincoln link live living lk llc llp loan loans locker
    locus lol london lotte lotto love lpl lplfinancial lr ls lt ltd ltda lu lundbeck luxe luxury lv ly
    ma madrid maif maison makeup man management mango map market marketing markets marriott marshalls
    mattel mba mc mckinsey md me med media meet melbourne meme memorial men menu merck merckmsd mg mh
    miami microsoft mil mini mint mit mitsubishi mk ml mlb mls mm mma mn mo mobi mobile moda moe moi mom
    monash money monster mormon mortgage moscow moto motorcycles mov movie mp mq mr ms msd mt mtn mtr mu
    museum music mv mw mx my mz na nab nagoya name navy nba nc ne nec net netbank netflix network
    neustar new news next nextdirect nexus nf nfl ng ngo nhk ni nico nike nikon ninja nissan nissay nl
    no nokia norton now nowruz nowtv np nr nra nrw ntt nu nyc nz obi observer office okinawa olayan
    olayangroup ollo om omega one ong onl online ooo open oracle orange org organic origins osaka otsuka
    ott ovh pa page panasonic paris pars partners parts party pay pccw pe pet pf pfizer pg ph pharmacy
    phd philips phone photo photography photos physio pics pictet pictures pid pin ping pink pioneer
    pizza pk pl place play playstation plumbing plus pm pn pnc pohl poker politie porn post pr praxi
    press prime pro prod productions prof progressive promo properties property protection pru
    prudential ps pt pub pw pwc py qa qpon quebec quest racing radio re read realestate realtor realty
    recipes red redumbrella rehab reise reisen reit reliance ren rent rentals repair report republican
    rest restaurant review reviews rexroth rich richardli ricoh ril rio rip ro rocks rodeo rogers room
    rs rsvp ru rugby ruhr run rw rwe ryukyu sa saarland safe safety sakura sale salon samsclub samsung
    sandvik sandvikcoromant sanofi sap sarl sas save saxo sb sbi sbs sc scb schaeffler schmidt
    scholarships school schule schwarz science scot sd se search seat secure security seek select sener
    services seven sew sex sexy sfr sg sh shangrila sharp shell shia shiksha shoes shop shopping shouji
    show si silk sina singles site sj sk ski skin sky skype sl sling sm smart smile sn sncf so soccer
    social softbank software sohu solar solutions song sony soy spa space sport spot sr srl ss st stada
    staples star statebank statefarm stc stcgroup stockholm storage store stream studio study style su
    sucks supplies supply support surf surgery suzuki sv swatch swiss sx sy sydney systems sz tab taipei
    talk taobao target tatamotors tatar tattoo tax taxi tc tci td tdk team tech technology tel temasek
    tennis teva tf tg th thd theater theatre tiaa tickets tienda tips tires tirol tj tjmaxx tjx tk
    tkmaxx tl tm tmall tn to today tokyo tools top toray toshiba total tours town toyota toys tr trade
    trading training travel travelers travelersinsurance trust trv tt tube tui tunes tushu tv tvs tw tz
    ua ubank ubs ug uk unicom university uno uol ups us uy uz va vacations vana vanguard vc ve vegas
    ventures verisign versicherung vet vg vi viajes video vig viking villas vin vip virgin visa vision
    viva vivo vlaanderen vn vodka volvo vote voting voto voyage vu wales walmart walter wang wanggou
    watch watches weather weatherchannel webcam weber website wed wedding weibo weir wf whoswho wien
    wiki williamhill win windows wine winners wme woodside work works world wow ws wtc wtf xbox xerox
    xihuan xin xn--11b4c3d xn--1ck2e1b xn--1qqw23a xn--2scrj9c xn--30rr7y xn--3bst00m xn--3ds443g
    xn--3e0b707e xn--3hcrj9c xn--3pxu8k xn--42c2d9a xn--45br5cyl xn--45brj9c xn--45q11c xn--4dbrk0ce
    xn--4gbrim xn--54b7fta0cc xn--55qw42g xn--55qx5d xn--5su34j936bgsg xn--5tzm5g xn--6frz82g
    xn--6qq986b3xl xn--80adxhks xn--80ao21a xn--80aqecdr1a xn--80asehdb xn--80aswg xn--8y0a063a
    xn--90a3ac xn--90ae xn--90ais xn--9dbq2a xn--9et52u xn--9krt00a xn--b4w605ferd xn--bck1b9a5dre4c
    xn--c1avg xn--c2br7g xn--cck2b3b xn--cckwcxetd xn--cg4bki xn--clchc0ea0b2g2a9gcd xn--czr694b
    xn--czrs0t xn--czru2d xn--d1acj3b xn--d1alf xn--e1a4c xn--eckvdtc9d xn--efvy88h xn--fct429k
    xn--fhbei xn--fiq228c5hs xn--fiq64b xn--fiqs8s xn--fiqz9s xn--fjq720a xn--flw351e xn--fpcrj9c3d
    xn--fzc2c9e2c xn--fzys8d69uvgm xn--g2xx48c xn--gckr3f0f xn--gecrj9c xn--gk3at1e xn--h2breg3eve
    xn--h2brj9c xn--h2brj9c8c xn--hxt814e xn--i1b6b1a6a2e xn--imr513n xn--io0a7i xn--j1aef xn--j1amh
    xn--j6w193g xn--jlq480n2rg xn--jvr189m xn--kcrx77d1x4a xn--kprw13d xn--kpry57d xn--kput3i
    xn--l1acc xn--lgbbat1ad8j xn--mgb9awbf xn--mgba3a3ejt xn--mgba3a4f16a xn--mgba7c0bbn0a
    xn--mgbaam7a8h xn--mgbab2bd xn--mgbah1a3hjkrd xn--mgbai9azgqp6j xn--mgbayh7gpa xn--mgbbh1a
    xn--mgbbh1a71e xn--mgbc0a9azcg xn--mgbca7dzdo xn--mgbcpq6gpa1a xn--mgberp4a5d4ar xn--mgbgu82a
    xn--mgbi4ecexp xn--mgbpl2fh xn--mgbt3dhd xn--mgbtx2b xn--mgbx4cd0ab xn--mix891f xn--mk1bu44c
    xn--mxtq1m xn--ngbc5azd xn--ngbe9e0a xn--ngbrx xn--node xn--nqv7f xn--nqv7fs00ema xn--nyqy26a
    xn--o3cw4h xn--ogbpf8fl xn--otu796d xn--p1acf xn--p1ai xn--pgbs0dh xn--pssy2u xn--q7ce6a
    xn--q9jyb4c xn--qcka1pmc xn--qxa6a xn--qxam xn--rhqv96g xn--rovu88b xn--rvc1e0am3e xn--s9brj9c
    xn--ses554g xn--t60b56a xn--tckwe xn--tiq49xqyj xn--unup4y xn--vermgensberater-ctb
    xn--vermgensberatung-pwb xn--vhquv xn--vuq861b xn--w4r85el8fhu5dnra xn--w4rs40l xn--wgbh1c
    xn--wgbl6a xn--xhq521b xn--xkc2al3hye2a xn--xkc2dl3a5ee0h xn--y9a3aq xn--yfro4i67o xn--ygbi2ammx
    xn--zfr164b xxx xyz yachts yahoo yamaxun yandex ye yodobashi yoga yokohama yone youtube yt yun za
    zappos zara zero zip zm zone zuerich zw
    """.split()
)

#: Well-known sites of paper tables. A host made of one of these plus more
#: letters (``github.comLJungang``) lost the ``/`` after the domain; the
#: first label alone (``https://github/...``) lost the whole suffix.
KNOWN_SITES: tuple[str, ...] = (
    "github.com", "github.io", "githubusercontent.com", "gitlab.com", "gitee.com",
    "huggingface.co", "hf.co", "arxiv.org", "openreview.net", "modelscope.cn",
    "paperswithcode.com", "semanticscholar.org", "aclanthology.org", "thecvf.com",
    "neurips.cc", "nips.cc", "mlr.press", "doi.org", "acm.org", "ieee.org",
    "springer.com", "youtube.com", "youtu.be", "twitter.com", "google.com",
    "kaggle.com", "zhihu.com", "bilibili.com", "medium.com", "readthedocs.io",
    "wandb.ai", "notion.site", "ecva.net", "aaai.org", "ijcai.org",
)  # fmt: skip

#: Hosts that serve every page over HTTPS (``*.`` covers subdomains); the
#: default of the ``https-hosts`` option.
DEFAULT_HTTPS_HOSTS: tuple[str, ...] = (
    "github.com", "*.github.com", "*.githubusercontent.com", "*.github.io",
    "gitlab.com", "gitee.com", "arxiv.org", "*.arxiv.org", "huggingface.co",
    "*.huggingface.co", "hf.co", "openreview.net", "papers.nips.cc", "papers.neurips.cc",
    "proceedings.neurips.cc", "openaccess.thecvf.com", "proceedings.mlr.press",
    "aclanthology.org", "*.aclweb.org", "dl.acm.org", "doi.org", "dx.doi.org",
    "ieeexplore.ieee.org", "link.springer.com", "*.semanticscholar.org",
    "paperswithcode.com", "modelscope.cn", "*.modelscope.cn", "youtube.com",
    "*.youtube.com", "youtu.be", "twitter.com", "x.com", "colab.research.google.com",
    "drive.google.com", "docs.google.com", "scholar.google.com", "sites.google.com",
    "*.readthedocs.io", "medium.com", "zhuanlan.zhihu.com", "www.zhihu.com",
    "*.bilibili.com", "ecva.net", "*.ecva.net", "ojs.aaai.org", "kaggle.com",
    "img.shields.io", "star-history.com", "api.star-history.com",
)  # fmt: skip

#: URL shortening services: the reader cannot see where the link goes.
SHORTENER_HOSTS: frozenset[str] = frozenset(
    """
    bit.ly bitly.com j.mp is.gd v.gd t.co tinyurl.com goo.gl ow.ly buff.ly cutt.ly
    rb.gy t.ly shorturl.at tiny.cc tiny.one rebrand.ly s.id lnkd.in dlvr.it trib.al
    clck.ru t.cn url.cn dwz.cn suo.im reurl.cc shorte.st adf.ly bl.ink soo.gd
    """.split()
)

_FIRST_LABELS: dict[str, str] = {}
for _site in KNOWN_SITES:
    _FIRST_LABELS.setdefault(_site.split(".", 1)[0], _site)

# ---------------------------------------------------------------------------
# Regexes (linear: anchored, no nested quantifiers)
# ---------------------------------------------------------------------------

_PASTED_LINK = lazy_pattern(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
_SCHEME_PREFIX = lazy_pattern(r"([A-Za-z][A-Za-z0-9+.\-]{0,31}):")
_BROKEN_SEPARATOR = lazy_pattern(r"(https?)(:?)([/\\]*)(?=[A-Za-z0-9])", re.IGNORECASE)
_DOUBLE_SCHEME = lazy_pattern(r"https?://+(https?):?/*(?=[A-Za-z0-9])", re.IGNORECASE)
_AUTHORITY = lazy_pattern(r"(?:[A-Za-z][A-Za-z0-9+.\-]{0,31}:)?//([^/?#]*)")
_INVISIBLE = lazy_pattern("[\u00a0\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_INNER_BAD = lazy_pattern(r"[`<>\"]")
_SPLIT_TAIL = lazy_pattern(r"[ \t]+(\.[A-Za-z0-9][A-Za-z0-9\-]*)(?=[/?#)\s]|$)")
_IPV4 = lazy_pattern(r"\d{1,3}(?:\.\d{1,3}){3}")
_PLACEHOLDER_DEST = lazy_pattern(r"[-\u2010-\u2015]{1,3}")
_STAR_HISTORY_FRAGMENT = lazy_pattern(r"#?([A-Za-z0-9][A-Za-z0-9\-]{0,38})/([A-Za-z0-9._\-]{1,100})")

# ---------------------------------------------------------------------------
# Diagnosis of one destination
# ---------------------------------------------------------------------------

DamageCode = Literal[
    "VR401", "VR402", "VR403", "VR404", "VR405", "VR406", "VR407", "VR410"
]  # fmt: skip


class Damage(NamedTuple):
    """What is wrong with a destination, and how to repair it.

    ``edits`` are ``(start, end, replacement)`` relative to the string that
    was diagnosed; empty when no repair is offered.
    """

    code: DamageCode
    message: str
    edits: tuple[tuple[int, int, str], ...] = ()
    applicability: Applicability = "safe"
    fix_message: str = ""


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _host_region(url: str) -> tuple[int, int] | None:
    """Where the host name is in ``url`` (without userinfo and port)."""
    m = _AUTHORITY.match(url)
    if m is None:
        return None
    start, end = m.span(1)
    authority = url[start:end]
    at = authority.rfind("@")
    if at >= 0:
        start += at + 1
        authority = authority[at + 1 :]
    if authority.startswith("["):
        close = authority.find("]")
        return (start, start + close + 1) if close > 0 else None
    colon = authority.find(":")
    if colon >= 0:
        end = start + colon
    return start, end


def host_matches(host: str, patterns: Iterable[str]) -> bool:
    """``host`` is one of ``patterns`` (``www.`` ignored); ``*.d`` or ``.d``
    also covers every subdomain of ``d``."""
    host = host.lower().rstrip(".")
    bare = host[4:] if host.startswith("www.") else host
    for raw in patterns:
        pattern = raw.strip().lower()
        if pattern.startswith("*."):
            pattern = pattern[1:]
        if pattern.startswith("."):
            root = pattern[1:]
            if host == root or host.endswith(pattern):
                return True
        elif bare == pattern or host == pattern:
            return True
    return False


def _is_tld(label: str) -> bool:
    if label in TOP_LEVEL_DOMAINS:
        return True
    if not label.isascii():
        try:
            return label.encode("idna").decode("ascii") in TOP_LEVEL_DOMAINS
        except UnicodeError:
            return False
    return False


def _scheme_repair(scheme: str) -> str | None:
    """``https``/``http`` when ``scheme`` is a misspelling of one of them."""
    low = scheme.lower()
    if low in ("http", "https"):
        return None
    if low.count("http") >= 2 and not low.replace("https", "").replace("http", ""):
        return low[low.rfind("http") :]
    if len(low) < 3 or not set(low) <= set("htps"):
        return None
    candidate = "https" if low.endswith("s") else "http"
    return candidate if _distance(low, candidate) <= 2 else None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _missing_slash(host: str) -> tuple[str, int] | None:
    """(site, index in ``host`` where its ``/`` belongs) for ``github.comUser``."""
    last = host.rsplit(".", 1)[-1]
    if _is_tld(last):
        return None
    for site in KNOWN_SITES:
        index = host.find(site)
        while index >= 0:
            end = index + len(site)
            rest = host[end:]
            if (index == 0 or host[index - 1] == ".") and rest and "." not in rest:
                return site, end
            index = host.find(site, index + 1)
    return None


@lru_cache(maxsize=16384)  # a fact of the URL: a list links the same address from many rows
def _wrapper_damage(url: str) -> Damage | None:
    """Characters around or inside the URL that are not part of it."""
    m = _INVISIBLE.search(url)
    if m is not None:
        name = unicodedata.name(m.group(), f"U+{ord(m.group()):04X}")
        removals = tuple((i, i + 1, "") for i, c in enumerate(url) if _INVISIBLE.match(c))
        return Damage(
            "VR404",
            f"the URL contains an invisible character ({name}); remove it",
            removals,
            fix_message="remove the invisible characters",
        )
    lead = 0
    trail = len(url)
    pairs = {"`": "`", '"': '"', "'": "'", "<": ">"}
    # at most a few characters each side: stray wrappers are short, and the
    # bound keeps the membership tests below linear overall
    while lead < min(3, trail - 1) and url[lead] in pairs and url[trail - 1] == pairs[url[lead]]:
        lead += 1
        trail -= 1
    closers = {"`": "`", '"': '"', "<": ">"}
    openers = {"`": "`", '"': '"', ">": "<"}
    for _ in range(3):
        if lead < trail and url[lead] in closers and closers[url[lead]] not in url[lead + 1 : trail]:
            lead += 1
        if trail > lead and url[trail - 1] in openers and openers[url[trail - 1]] not in url[lead : trail - 1]:
            trail -= 1
    if lead < trail and url[lead] == "[" and "]" not in url[lead:trail]:
        lead += 1
    if trail > lead and url[trail - 1] == "]" and "[" not in url[lead:trail]:
        trail -= 1
    if lead or trail < len(url):
        core = url[lead:trail]
        if not core.strip():
            return None
        stray = url[:lead] + url[trail:]
        edits: list[tuple[int, int, str]] = []
        if lead:
            edits.append((0, lead, ""))
        if trail < len(url):
            edits.append((trail, len(url), ""))
        return Damage(
            "VR404",
            f"stray {stray!r} around the URL {_clip(core)!r}; remove {'it' if len(stray) == 1 else 'them'}",
            tuple(edits),
            fix_message=f"remove {stray!r}",
        )
    region = _host_region(url)
    if region is not None:
        host = url[region[0] : region[1]]
        if any(c.isspace() for c in host) and host.strip():
            joined = "".join(host.split())
            return Damage(
                "VR404",
                f"the host name {host!r} contains a space; write {joined!r}",
                ((region[0], region[1], joined),),
                fix_message="remove the space from the host name",
            )
    m = _INNER_BAD.search(url)
    if m is not None:
        return Damage(
            "VR404",
            f"the URL contains a stray {m.group()!r} ({_clip(url)}); remove what is not part of the address",
        )
    return None


@lru_cache(maxsize=16384)  # a fact of the URL, as above
def _host_damage(url: str) -> Damage | None:
    """Missing slash, trailing dot, malformed scheme or host of an absolute URL."""
    m = _BROKEN_SEPARATOR.match(url)
    if m is not None and m.group(2) + m.group(3) != "://":
        separator = m.group(2) + m.group(3)
        scheme = m.group(1)
        if m.group(2) or len(m.group(3)) >= 2:
            return Damage(
                "VR406",
                f"the URL starts with {scheme + separator!r} instead of {scheme + '://'!r}; fix the separator",
                ((m.start(2), m.end(3), "://"),),
                fix_message=f"write {scheme + '://'!r}",
            )
    m = _DOUBLE_SCHEME.match(url)
    if m is not None:
        scheme = m.group(1).lower()
        return Damage(
            "VR406",
            f"the URL has its scheme twice ({_clip(url[: m.end()], 40)!r}); keep one",
            ((0, m.end(), scheme + "://"),),
            fix_message="remove the repeated scheme",
        )
    scheme_match = _SCHEME_PREFIX.match(url)
    if scheme_match is not None and url[scheme_match.end() :].startswith("//"):
        scheme = scheme_match.group(1)
        low = scheme.lower()
        if low not in ("http", "https"):
            repair = _scheme_repair(scheme)
            if repair is not None:
                return Damage(
                    "VR406",
                    f"unknown URL scheme {scheme!r}; write {repair!r}",
                    ((0, scheme_match.end(1), repair),),
                    fix_message=f"write {repair + '://'!r}",
                )
            if classify_url(url).kind == "invalid":
                return Damage("VR406", f"unknown URL scheme {scheme!r}; use https://")
            return None
    elif not url.startswith("//"):
        return None
    region = _host_region(url)
    if region is None or region[0] == region[1]:
        return Damage("VR406", f"the URL {_clip(url)!r} has no host name; write the full address")
    raw_host = url[region[0] : region[1]]
    host = raw_host.lower()
    if host.startswith("["):
        return None
    if host.endswith(".") and host.strip("."):
        fixed = raw_host.rstrip(".")
        return Damage(
            "VR405",
            f"the host name {raw_host!r} ends with a dot; write {fixed!r}",
            ((region[0] + len(fixed), region[1], ""),),
            fix_message="remove the trailing dot",
        )
    slash = _missing_slash(host)
    if slash is not None:
        site, cut = slash
        where = region[0] + cut
        return Damage(
            "VR401",
            f"the host {raw_host!r} runs into the path: a '/' is missing after {site!r} "
            f"(write {url[region[0] : where] + '/' + url[where : region[1]]!r})",
            ((where, where, "/"),),
            fix_message=f"insert '/' after {site!r}",
        )
    if split_host(url) is None:
        return Damage("VR406", f"the host name {raw_host!r} is malformed; write a valid domain name")
    if host == "localhost" or _IPV4.fullmatch(host):
        return None
    labels = host.split(".")
    if len(labels) == 1:
        guess = _FIRST_LABELS.get(host)
        if guess is not None:
            return Damage(
                "VR406",
                f"the host {raw_host!r} is not a domain name; did you mean {guess!r}?",
                ((region[0], region[1], guess),),
                applicability="unsafe",
                fix_message=f"write {guess!r}",
            )
        return Damage("VR406", f"the host {raw_host!r} is not a domain name; write the full host name")
    if not _is_tld(labels[-1]):
        return Damage(
            "VR406",
            f"the host {raw_host!r} ends in {labels[-1]!r}, which is not a top-level domain; correct the host name",
        )
    return None


@lru_cache(maxsize=32768)
def damage(url: str, kind: str = "link") -> Damage | None:
    """The first damage found in destination ``url`` (as resolved or as written).

    ``kind`` is the :class:`~vrlint.document.Link` kind: empty and
    placeholder destinations are only damage for ``link`` (badges' empty
    links, ``[![..](..)]()``, belong to the badge rules; callers skip them).
    A repair is only offered when the repaired URL no longer shows the
    same damage.
    """
    base = len(url) - len(url.lstrip())
    core = url.strip()
    found = _diagnose(core, kind)
    if found is None:
        return None
    edits = found.edits
    if edits:
        again = _diagnose(_apply(core, edits), kind)
        if again is not None and again.code == found.code:
            edits = ()
    shifted = tuple((s + base, e + base, r) for s, e, r in edits)
    return Damage(found.code, found.message, shifted, found.applicability, found.fix_message)


def _apply(text: str, edits: Iterable[tuple[int, int, str]]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end, replacement in sorted(edits):
        pieces.append(text[position:start])
        pieces.append(replacement)
        position = max(position, end)
    pieces.append(text[position:])
    return "".join(pieces)


def _diagnose(url: str, kind: str) -> Damage | None:
    if not url or _PLACEHOLDER_DEST.fullmatch(url):
        if kind not in ("link",):
            return None
        return Damage("VR410", "")
    m = _PASTED_LINK.fullmatch(url)
    if m is not None:
        label, target = m.group(1).strip(), m.group(2)
        if not target:
            return Damage(
                "VR403", f"a Markdown link {_clip(url)!r} was pasted as the destination; write the URL itself"
            )
        agree = not label or label == target or not _looks_like_url(label)
        if agree:
            return Damage(
                "VR403",
                f"a whole Markdown link was pasted as the destination; write just {_clip(target)!r}",
                ((0, len(url), target),),
                fix_message=f"keep {_clip(target)!r}",
            )
        return Damage(
            "VR403",
            f"a Markdown link was pasted as the destination and its halves differ "
            f"({_clip(label, 60)!r} vs {_clip(target, 60)!r}); keep the right one",
            ((0, len(url), target),),
            applicability="unsafe",
            fix_message=f"keep the link target {_clip(target)!r}",
        )
    layers = _paren_layers(url)
    if layers:
        inner = url[layers : len(url) - layers]
        return Damage(
            "VR402",
            f"the destination is wrapped in a second pair of parentheses; write ]({_clip(inner)})",
            ((0, layers, ""), (len(url) - layers, len(url), "")),
            fix_message="remove the extra parentheses",
        )
    found = _wrapper_damage(url)
    if found is not None:
        return found
    found = _host_damage(url)
    if found is not None:
        return found
    info = classify_url(url)
    if info.kind == "relative" and info.problem is not None:
        return Damage("VR407", info.problem)
    return None


def _looks_like_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://", "www.", "//"))


def _paren_layers(url: str) -> int:
    """How many redundant ``(...)`` pairs wrap the whole of ``url`` (linear)."""
    if not (url.startswith("(") and url.endswith(")")):
        return 0
    opened: list[int] = []
    partner: dict[int, int] = {}
    for index, char in enumerate(url):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            partner[opened.pop()] = index
    layers = 0
    last = len(url) - 1
    while len(url) - 2 * (layers + 1) > 0 and partner.get(layers) == last - layers:
        layers += 1
    return layers


# ---------------------------------------------------------------------------
# Locating destinations in the source
# ---------------------------------------------------------------------------


class _Target(NamedTuple):
    """A link and where its destination is written (``start``/``end``:
    document offsets, None when the destination cannot be located or
    edited, as for reference links)."""

    link: Link
    start: int | None
    end: int | None

    def span(self, document: Document) -> Span:
        """Where to report: the destination when it is known, else the link."""
        if self.start is not None and self.end is not None:
            return document.span(self.start, self.end)
        return self.link.span


def _targets(document: Document) -> list[_Target]:
    out: list[_Target] = []
    for link in document.links:
        start: int | None = None
        end: int | None = None
        if link.dest_span is not None:
            start, end = link.dest_span.start, link.dest_span.end
        elif link.kind == "autolink":
            start, end = link.span.start, link.span.end
            written = document.text[start:end]
            if written.startswith("<") and written.endswith(">"):
                start, end = start + 1, end - 1
            if document.text[start:end] != link.url:
                start = end = None
        out.append(_Target(link, start, end))
    return out


def _edits_for(document: Document, target: _Target, found: Damage) -> tuple[Edit, ...] | None:
    """``found``'s edits mapped to the document, checked on the written text."""
    if not found.edits or target.start is None or target.end is None:
        return None
    written = document.text[target.start : target.end]
    local = found
    if written != target.link.url:
        again = damage(written, target.link.kind)
        if again is None or again.code != found.code or not again.edits:
            return None
        local = again
    return tuple(Edit(target.start + s, target.start + e, r) for s, e, r in local.edits)


class _Survey(NamedTuple):
    """Every destination of one document, and the damaged ones with their damage."""

    document: Document
    targets: list[_Target]
    damaged: list[tuple[_Target, Damage]]


#: one survey per context, shared by the rules of this module
_SURVEYS: weakref.WeakKeyDictionary[Context, _Survey] = weakref.WeakKeyDictionary()


def _survey(ctx: Context) -> _Survey:
    survey = _SURVEYS.get(ctx)
    if survey is None or survey.document is not ctx.document:
        document = ctx.document
        targets = _targets(document)
        damaged: list[tuple[_Target, Damage]] = []
        for target in targets:
            link = target.link
            if link.kind == "link" and link.image is not None and not link.url.strip():
                continue  # a badge with an empty link: the badge rules' business
            found = _split_autolink(document, target) or damage(link.url, link.kind)
            if found is not None:
                damaged.append((target, found))
        survey = _Survey(document, targets, damaged)
        _SURVEYS[ctx] = survey
    return survey


def _damaged(ctx: Context) -> list[tuple[_Target, Damage]]:
    """Every destination with damage, with the damage that owns it."""
    return _survey(ctx).damaged


def _split_autolink(document: Document, target: _Target) -> Damage | None:
    """``https://github .com/x``: a space cut the URL, GitHub linked the first part."""
    link = target.link
    if link.kind != "autolink" or target.end is None:
        return None
    host = split_host(link.url)
    if host is None or _is_tld(host.rsplit(".", 1)[-1]):
        return None
    parsed = urlsplit(link.url)
    if parsed.path or parsed.query or parsed.fragment:
        return None
    m = _SPLIT_TAIL.match(document.text, target.end)
    if m is None or not _is_tld(m.group(1)[1:].lower()):
        return None
    gap = m.start(1) - target.end
    whole = link.url + m.group(1)
    return Damage(
        "VR404",
        f"a space splits the URL ({_clip(document.text[target.start or target.end : m.end(1)])!r}), "
        f"so only {link.url!r} is linked; remove the space to link {whole!r}",
        ((len(link.url), len(link.url) + gap, ""),),
        fix_message="remove the space inside the URL",
    )


def _report_damage(ctx: Context, code: DamageCode) -> Iterator[Diagnostic]:
    for target, found in _damaged(ctx):
        if found.code != code:
            continue
        edits = _edits_for(ctx.document, target, found)
        fix = ctx.fix(found.applicability, found.fix_message, edits) if edits else None
        yield ctx.report(target.span(ctx.document), found.message, fix=fix)


# ---------------------------------------------------------------------------
# Rules: damaged destinations
# ---------------------------------------------------------------------------


@rule(
    code="VR401",
    name="missing-slash-after-host",
    severity="error",
    summary="A well-known host runs into the path because the '/' after it is missing.",
    why=(
        "`https://github.comLJungang/repo` asks for the host `github.comljungang`, which does not "
        "exist: the link is dead although the address looks right at a glance."
    ),
    bad="[code](https://github.comLJungang/Awesome-Video-Reasoning-Landscape)",
    good="[code](https://github.com/LJungang/Awesome-Video-Reasoning-Landscape)",
    fix="safe",
)
def missing_slash_after_host(ctx: Context) -> Iterator[Diagnostic]:
    yield from _report_damage(ctx, "VR401")


@rule(
    code="VR402",
    name="doubled-parentheses",
    severity="error",
    summary="A link destination is wrapped in a second pair of parentheses: `]((url))`.",
    why=(
        "The parentheses become part of the URL, so GitHub links to a relative path such as "
        "`(https://github.com/x/y)` inside the repository, which does not exist."
    ),
    bad="[code]((https://github.com/lucidrains/transfusion-pytorch))",
    good="[code](https://github.com/lucidrains/transfusion-pytorch)",
    fix="safe",
)
def doubled_parentheses(ctx: Context) -> Iterator[Diagnostic]:
    yield from _report_damage(ctx, "VR402")


@rule(
    code="VR403",
    name="link-in-destination",
    severity="error",
    summary="A whole Markdown link was pasted as a destination: `]([url](url))`.",
    why=(
        "The brackets and both URLs become one relative path, so the link is dead; when the two "
        "URLs differ it is also unclear which one was meant."
    ),
    bad="[paper]([https://arxiv.org/abs/2408.12528](https://arxiv.org/abs/2408.12528))",
    good="[paper](https://arxiv.org/abs/2408.12528)",
    fix="safe",
)
def link_in_destination(ctx: Context) -> Iterator[Diagnostic]:
    yield from _report_damage(ctx, "VR403")


@rule(
    code="VR404",
    name="stray-characters-in-url",
    severity="error",
    summary="A URL contains characters that are not part of it (backticks, brackets, quotes, spaces).",
    why=(
        "Backticks, quotes, `<`/`>`, an unmatched bracket or a space in the host end up in the "
        "address the browser requests, and the link breaks. (An invisible character is VR803's.)"
    ),
    bad="[code](`https://github.com/showlab/Show-o`)",
    good="[code](https://github.com/showlab/Show-o)",
    fix="safe",
)
def stray_characters_in_url(ctx: Context) -> Iterator[Diagnostic]:
    for diagnostic in _report_damage(ctx, "VR404"):
        if _INVISIBLE.search(ctx.document.text, diagnostic.span.start, diagnostic.span.end) is None:
            yield diagnostic  # an invisible character in a link is VR803's (encoding), reported once



@rule(
    code="VR405",
    name="trailing-dot-in-host",
    severity="error",
    summary="A host name ends with a dot (`https://om-cat.github.io.`).",
    why=(
        "A fully-qualified host with its final dot is a different site name for web servers and "
        "certificates: GitHub Pages and most hosts answer it with an error."
    ),
    bad="[project](https://om-cat.github.io.)",
    good="[project](https://om-cat.github.io)",
    fix="safe",
)
def trailing_dot_in_host(ctx: Context) -> Iterator[Diagnostic]:
    yield from _report_damage(ctx, "VR405")


@rule(
    code="VR406",
    name="malformed-url",
    severity="error",
    summary="A URL's scheme or host is not valid (`ttps://`, `https://https://`, `https://github/...`).",
    why=(
        "A misspelt scheme makes GitHub treat the URL as a relative path, and a host that is not a "
        "domain name (no public suffix) cannot be reached: either way the link is dead."
    ),
    bad="[code](ttps://github.com/Wan-Video/Wan2.1)",
    good="[code](https://github.com/Wan-Video/Wan2.1)",
    fix="safe",
)
def malformed_url(ctx: Context) -> Iterator[Diagnostic]:
    yield from _report_damage(ctx, "VR406")


@rule(
    code="VR407",
    name="missing-url-scheme",
    severity="error",
    summary="A web address is written without `https://`, so GitHub treats it as a relative path.",
    why=(
        "`[Code](example.github.io/x)` links to a file `example.github.io/x` inside the repository, "
        "which does not exist, instead of the web site. Adding `https://` is a safe fix for hosts "
        "in the `https-hosts` option and a guess (unsafe) for others."
    ),
    bad="[Code](eastbeanzhang.github.io/GUAVA/)",
    good="[Code](https://eastbeanzhang.github.io/GUAVA/)",
    fix="unsafe",
    options={"https-hosts": list(DEFAULT_HTTPS_HOSTS)},
)
def missing_url_scheme(ctx: Context) -> Iterator[Diagnostic]:
    https_hosts = _https_hosts(ctx)
    for target, found in _damaged(ctx):
        if found.code != "VR407":
            continue
        url = target.link.url.strip()
        first = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        applicability: Applicability = "safe" if host_matches(first, https_hosts) else "unsafe"
        fix = None
        if target.start is not None and ctx.document.text[target.start : target.end] == target.link.url:
            lead = len(target.link.url) - len(target.link.url.lstrip())
            fix = ctx.fix(
                applicability,
                "prefix the address with 'https://'",
                [Edit(target.start + lead, target.start + lead, "https://")],
            )
        yield ctx.report(target.span(ctx.document), f"{found.message}; write 'https://{_clip(url)}'", fix=fix)


@rule(
    code="VR410",
    name="empty-link-destination",
    severity="error",
    summary="A link has an empty or placeholder destination: `[code]()` or `[-](-)`.",
    why=(
        "The text looks like a link to code or a project, but clicking it goes nowhere (an empty "
        "destination reloads the page; `-` is a missing file). Readers conclude the resource "
        "exists when it does not."
    ),
    bad="| Model | Code | Demo |\n|---|---|---|\n| Video-LLaMA | [code]() | [-](-) |",
    good=(
        "| Model | Code | Demo |\n|---|---|---|\n"
        "| Video-LLaMA | [code](https://github.com/DAMO-NLP-SG/Video-LLaMA) | - |"
    ),
    fix="safe",
)
def empty_link_destination(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    for target, found in _damaged(ctx):
        if found.code != "VR410":
            continue
        link = target.link
        label = link.text.strip()
        shown = document.text[link.span.start : link.span.end]
        fix = None
        if (not label or _PLACEHOLDER_DEST.fullmatch(label)) and link.dest_span is not None:
            fix = ctx.fix("safe", "replace the dead link by its text", [ctx.edit(link.span, label)])
        if link.url.strip():
            message = (
                f"the link {_clip(shown, 60)!r} points to the placeholder {link.url.strip()!r}, a "
                "missing file; add the real URL or write the text without a link"
            )
        else:
            message = (
                f"the link {_clip(shown, 60)!r} has an empty destination and goes nowhere; add the "
                "URL or write the text without a link"
            )
        # the same dead link written again and again (`[code]()` in every row) is one cause
        yield ctx.report(link.span, message, fix=fix, cause=" ".join(shown.split()).lower())


# ---------------------------------------------------------------------------
# Rules: working but questionable destinations
# ---------------------------------------------------------------------------


def _https_hosts(ctx: Context) -> list[str]:
    configured = ctx.option("https-hosts", None)
    if configured is None:
        return list(DEFAULT_HTTPS_HOSTS)
    return [str(host) for host in configured]


def _sound(ctx: Context) -> Iterator[_Target]:
    """Destinations without damage (the other rules own the damaged ones)."""
    survey = _survey(ctx)
    damaged = {id(target.link) for target, _ in survey.damaged}
    for target in survey.targets:
        if id(target.link) not in damaged:
            yield target


@rule(
    code="VR408",
    default=False,
    name="insecure-http",
    severity="warning",
    summary="A link uses http:// for a host that serves https://.",
    why=(
        "Plain http is redirected (an extra round trip) or can be tampered with on the way. Only "
        "hosts known to serve the same page over https are reported: GitHub and GitHub Pages, "
        "arXiv, Hugging Face, OpenReview, the proceedings sites... The `https-hosts` option "
        "replaces that list (`*.example.org` covers subdomains)."
    ),
    bad="[paper](http://arxiv.org/abs/2305.18500)",
    good="[paper](https://arxiv.org/abs/2305.18500)",
    fix="safe",
    options={"https-hosts": list(DEFAULT_HTTPS_HOSTS)},
)
def insecure_http(ctx: Context) -> Iterator[Diagnostic]:
    https_hosts = _https_hosts(ctx)
    for target in _sound(ctx):
        url = target.link.url.strip()
        if not url[:7].lower() == "http://":
            continue
        host = split_host(url)
        if host is None or not host_matches(host, https_hosts):
            continue
        fix = None
        if target.start is not None and target.end is not None:
            written = ctx.document.text[target.start : target.end]
            lead = len(written) - len(written.lstrip())
            if written[lead : lead + 7].lower() == "http://":
                fix = ctx.fix("safe", "use https://", [Edit(target.start + lead, target.start + lead + 4, "https")])
        yield ctx.report(
            target.span(ctx.document), f"{host} serves https; write 'https://{_clip(url[7:])}'", fix=fix, cause=host
        )


@rule(
    code="VR409",
    default=False,
    name="url-shortener",
    severity="warning",
    summary="A link goes through a URL shortener (is.gd, bit.ly, t.co, tinyurl...).",
    why=(
        "Readers cannot see where a shortened link leads, shorteners expire or get blocked, and "
        "the real target (a paper, a repository) is what the table should record."
    ),
    bad="[paper](https://is.gd/aGu0VV)",
    good="[paper](https://arxiv.org/abs/2412.19806)",
)
def url_shortener(ctx: Context) -> Iterator[Diagnostic]:
    for target in _sound(ctx):
        host = split_host(target.link.url)
        if host is None:
            continue
        bare = host[4:] if host.startswith("www.") else host
        if bare in SHORTENER_HOSTS:
            yield ctx.report(
                target.span(ctx.document),
                f"{_clip(target.link.url.strip())!r} is a short link ({bare}) that hides its target; "
                "link to the real page instead",
            )


@rule(
    code="VR413",
    name="disallowed-host",
    severity="warning",
    summary="A link points to a host outside the configured `allowed-hosts` (off by default).",
    why=(
        "Some lists only accept links to a few trusted hosts (arXiv, GitHub, Hugging Face); a "
        'link elsewhere needs a second look. Set `allowed-hosts` (e.g. `["arxiv.org", '
        '"github.com", "*.github.io"]`; `*.` covers subdomains) to turn the rule on.'
    ),
    bad="[paper](https://example.com/paper.pdf)",
    good="[paper](https://arxiv.org/abs/2401.06071)",
    options={"allowed-hosts": None},
)
def disallowed_host(ctx: Context) -> Iterator[Diagnostic]:
    allowed = ctx.option("allowed-hosts", None)
    if not allowed:
        return
    patterns = [str(host) for host in allowed]
    for target in _sound(ctx):
        host = split_host(target.link.url)
        if host is None or host_matches(host, patterns):
            continue
        yield ctx.report(
            target.span(ctx.document),
            f"{host} is not in allowed-hosts; link to an allowed host or add {host!r} to allowed-hosts",
        )


# ---------------------------------------------------------------------------
# Repositories named by badges and links
# ---------------------------------------------------------------------------

#: shields.io ``/github/<service>/...`` paths: segments between the service
#: name and ``owner/repo``.
_SHIELDS_PREFIX: dict[str, int] = {"v": 1, "commit-activity": 1, "languages": 1, "actions": 2}
_SHIELDS_OWNER_ONLY = frozenset({"followers", "sponsors"})
_EXTENSIONS = (".svg", ".png", ".json", ".gif", ".jpg")
_SHIELDS_HOSTS = frozenset({"img.shields.io", "shields.io", "badgen.net", "flat.badgen.net"})


class RepoRef(NamedTuple):
    """A repository named in a URL, and where ``owner/name`` is in that URL."""

    owner: str
    name: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return f"{self.owner}/{self.name}".lower()

    @property
    def label(self) -> str:
        return f"{self.owner}/{self.name}"


def _query_repo(url: str, query: str, parameter: str) -> RepoRef | None:
    m = re.search(rf"(?:^|&){parameter}=([^&#]*)", query)
    if m is None:
        return None
    value = m.group(1)
    pieces = value.split("/")
    if len(pieces) != 2 or not (GITHUB_OWNER.fullmatch(pieces[0]) and REPO_NAME.fullmatch(pieces[1])):
        return None
    start = url.find("?") + 1 + m.start(1)
    return RepoRef(pieces[0], pieces[1], start, start + len(value))


def badge_repository(image_url: str) -> RepoRef | None:
    """The GitHub repository an image reports on (shields.io and badgen
    ``/github/...`` badges, star-history charts, contrib.rocks, GitHub
    Actions badges); None for other images."""
    url = image_url.strip()
    split = split_url(url)
    if split is None:
        return None
    parts, host = split
    path = parts.path
    path_start = url.find(path, url.find("//") + 2) if path else -1
    if host in _SHIELDS_HOSTS:
        segments = path.split("/")
        if len(segments) < 5 or segments[1] != "github" or segments[2] in _SHIELDS_OWNER_ONLY:
            return None
        index = 3 + _SHIELDS_PREFIX.get(segments[2], 0)
        if index + 1 >= len(segments):
            return None
        owner, name = segments[index], segments[index + 1]
        if index + 2 == len(segments):
            for extension in _EXTENSIONS:
                if name.lower().endswith(extension):
                    name = name[: -len(extension)]
        if not (GITHUB_OWNER.fullmatch(owner) and REPO_NAME.fullmatch(name)) or path_start < 0:
            return None
        start = path_start + sum(len(s) + 1 for s in segments[:index])
        return RepoRef(owner, name, start, start + len(owner) + 1 + len(name))
    if host == "api.star-history.com":
        return _query_repo(url, parts.query, "repos")
    if host == "contrib.rocks":
        return _query_repo(url, parts.query, "repo")
    if host == "github.com" and path.lower().endswith("/badge.svg") and path_start >= 0:
        info = classify_url(url)
        if info.owner and info.name:
            start = path_start + 1
            return RepoRef(info.owner, info.name, start, start + len(info.owner) + 1 + len(info.name))
    return None


def link_repository(url: str) -> RepoRef | None:
    """The GitHub repository a link opens (github.com, or star-history.com's
    ``#owner/repo``)."""
    url = url.strip()
    host = split_host(url)
    if host is None:
        return None
    if host in ("star-history.com", "www.star-history.com"):
        hash_index = url.find("#")
        if hash_index < 0:
            return None
        m = _STAR_HISTORY_FRAGMENT.match(url, hash_index)
        if m is None:
            return None
        return RepoRef(m.group(1), m.group(2), m.start(1), m.end(2))
    info = classify_url(url)
    if info.kind != "github_repo" or not info.owner or not info.name:
        return None
    start = url.find(info.owner, url.lower().find(host) + len(host))
    if start < 0:
        return None
    return RepoRef(info.owner, info.name, start, start + len(info.owner) + 1 + len(info.name))


def _mentions(links: Iterable[Link], images: bool = True) -> defaultdict[str, int]:
    """How many links (and, with ``images``, badge images) name each repository."""
    counts: defaultdict[str, int] = defaultdict(int)
    for link in links:
        for ref in (link_repository(link.url), badge_repository(link.url) if images else None):
            if ref is not None:
                counts[ref.key] += 1
    return counts


@rule(
    code="VR411",
    name="badge-repository-mismatch",
    severity="error",
    summary="A badge shows one repository (stars, star history...) but links to another.",
    why=(
        "The badge was copied from another row, or the repository was renamed and only one half "
        "was updated: readers see the numbers of one project and land on another. The unsafe fix "
        "follows the side the row's other links name (title, code link); badge images are no "
        "evidence (a renamed repository leaves them all stale). Without such a link there is no fix. "
        "Outside tables (a star-history chart) the rest of the file decides."
    ),
    bad=(
        "| Title | Stars |\n|---|---|\n| [Repo2](https://github.com/owner2/repo2) | [![Star](https://"
        "img.shields.io/github/stars/owner1/repo1.svg?style=social)](https://github.com/owner2/repo2) |"
    ),
    good=(
        "| Title | Stars |\n|---|---|\n| [Repo2](https://github.com/owner2/repo2) | [![Star](https://"
        "img.shields.io/github/stars/owner2/repo2.svg?style=social)](https://github.com/owner2/repo2) |"
    ),
    fix="unsafe",
)
def badge_repository_mismatch(ctx: Context) -> Iterator[Diagnostic]:
    document = ctx.document
    pairs: list[tuple[_Target, Link, RepoRef, RepoRef]] = []
    for target in _sound(ctx):
        image = target.link.image
        if image is None:
            continue
        shown = badge_repository(image.url)
        opened = link_repository(target.link.url)
        if shown is not None and opened is not None and shown.key != opened.key:
            pairs.append((target, image, shown, opened))
    if not pairs:
        return
    # Which half is right? The one the rest of the row, else of the file, names.
    in_file = _mentions(document.links)
    by_line: defaultdict[int, list[Link]] = defaultdict(list)
    for link in document.links:
        by_line[link.span.line].append(link)
    for target, image, shown, opened in pairs:
        own = _mentions([target.link, image])
        fix = None
        if document.blocks[target.link.block].kind == "table":
            # A paper's repository: only the row's other *links* (title, code cell) tell which
            # half is right. Badge images are not evidence: a renamed repository leaves every
            # badge of the row stale while its links get updated.
            row_links = [link for link in by_line[target.link.span.line] if link.kind != "image"]
            sources = [_mentions(row_links, images=False)]
            own = _mentions([target.link], images=False)
        else:
            # a chart or badge of the list itself (star history): the rest of the file tells
            sources = [_mentions(by_line[target.link.span.line]), in_file]
        for counts in sources:
            badge_votes = counts[shown.key] - own[shown.key]
            link_votes = counts[opened.key] - own[opened.key]
            if badge_votes != link_votes:
                fix = _agree_fix(ctx, target, image, shown, opened, keep_badge=badge_votes > link_votes)
                break
        yield ctx.report(
            image.span,
            f"badge shows {shown.label} but links to {opened.label}; make them agree",
            fix=fix,
        )


def _agree_fix(
    ctx: Context, target: _Target, image: Link, shown: RepoRef, opened: RepoRef, keep_badge: bool
) -> Fix | None:
    """Rewrite the half that the rest of the document does not confirm."""
    text = ctx.document.text
    if keep_badge:
        if target.start is None or text[target.start : target.end] != target.link.url:
            return None
        start = target.start + opened.start
        return ctx.fix(
            "unsafe",
            f"link to {shown.label}, the repository the badge shows",
            [Edit(start, target.start + opened.end, shown.label)],
        )
    span = image.dest_span
    if span is None or text[span.start : span.end] != image.url:
        return None
    return ctx.fix(
        "unsafe",
        f"make the badge show {opened.label}, the repository it links to",
        [Edit(span.start + shown.start, span.start + shown.end, opened.label)],
    )


# ---------------------------------------------------------------------------
# Links to another row's repository
# ---------------------------------------------------------------------------


def _works(tables: Sequence[TableRecord]) -> dict[int, int]:
    """Group rows (by ``id(entry)``) that describe one work: rows sharing a
    normalised title or an arXiv ID. Returns each row's group."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        root = parent.setdefault(x, x)
        while root != parent[root]:
            root = parent[root]
        parent[x] = root
        return root

    first_by_key: dict[str, int] = {}
    for table in tables:
        for entry in table.entries:
            me = id(entry)
            find(me)
            title = letters_key(entry.title)
            keys = {f"t:{title}"} if title else set()
            keys |= {f"a:{aid}" for aid in entry.arxiv_ids}
            for key in sorted(keys):
                if key in first_by_key:
                    parent[find(me)] = find(first_by_key[key])
                else:
                    first_by_key[key] = me
    return {x: find(x) for x in parent}


@rule(
    code="VR412",
    name="link-to-other-row-repository",
    severity="warning",
    summary="A row's checkpoint or dataset link points to the code repository of a different paper.",
    why=(
        "Rows are often written by copying another row; a model zoo or dataset link left over "
        "from the copied row sends readers to another paper's repository."
    ),
    bad=(
        "| Title | Code | Checkpoint |\n|---|---|---|\n"
        "| GroundingGPT | [code](https://github.com/lzw-lzw/GroundingGPT) | "
        "[zoo](https://github.com/TXH-mercury/VAST) |\n"
        "| VAST | [code](https://github.com/TXH-mercury/VAST) | - |"
    ),
    good=(
        "| Title | Code | Checkpoint |\n|---|---|---|\n"
        "| GroundingGPT | [code](https://github.com/lzw-lzw/GroundingGPT) | "
        "[zoo](https://github.com/lzw-lzw/GroundingGPT#model) |\n"
        "| VAST | [code](https://github.com/TXH-mercury/VAST) | - |"
    ),
)
def link_to_other_row_repository(ctx: Context) -> Iterator[Diagnostic]:
    """A GitHub repository that is the code of exactly one work (rows with
    the same title or arXiv ID are one work) appears as the model zoo or
    dataset link of a row of another work that has its own, different code
    repository under a different owner. Code links are not compared: series
    (VITA / VITA-1.5) and model families legitimately share a repository."""
    tables = ctx.tables
    work_of = _works(tables)
    claimed: defaultdict[str, set[int]] = defaultdict(set)
    first_row: dict[str, Entry] = {}
    for table in tables:
        for entry in table.entries:
            for repo in entry.code:
                key = f"{repo.owner}/{repo.name}".lower()
                claimed[key].add(work_of[id(entry)])
                first_row.setdefault(key, entry)
    targets = {(t.link.span.line, t.link.span.column): t for t in _survey(ctx).targets}
    from vrlint.rules.badges import contradicting_badges  # a sibling family, imported where used

    # a badge that names another site than its link (a 🤗 badge on a GitHub link) is VR303's
    contradicted = {id(item.parent) for item, _ in contradicting_badges(ctx)}
    for table in tables:
        for entry in table.entries:
            own = {f"{repo.owner}/{repo.name}".lower() for repo in entry.code}
            own_owners = {repo.owner.lower() for repo in entry.code}
            if not own:
                continue
            for artifact in [*entry.checkpoints, *entry.datasets]:
                if artifact.host != "github" or not artifact.owner or not artifact.name:
                    continue
                key = f"{artifact.owner}/{artifact.name}".lower()
                if key in own or artifact.owner.lower() in own_owners:
                    continue
                works = claimed.get(key, set())
                if len(works) != 1 or work_of[id(entry)] in works:
                    continue
                other = first_row[key]
                target = targets.get((artifact.position.line, artifact.position.column))
                if target is not None and id(target.link) in contradicted:
                    continue
                span = target.span(ctx.document) if target is not None else _span_of(ctx.document, artifact.position)
                what = "model zoo" if artifact.kind == "model_zoo" else artifact.kind
                yield ctx.report(
                    span,
                    f"the {what} link of {_clip(entry.title or 'this row', 50)!r} points to "
                    f"{artifact.owner}/{artifact.name}, the code of {_clip(other.title or '?', 50)!r} "
                    f"(line {other.line}); link this paper's own {what}",
                )


def _span_of(document: Document, where: Position) -> Span:
    start = document.line(where.line).start + where.column - 1
    end = document.line(where.end_line).start + where.end_column - 1
    return document.span(start, end)
