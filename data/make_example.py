"""Assemble the bundled dataset in data/ from the real sources in data/upstream/.

Run with `python data/make_example.py` (no third-party packages needed). The script is
deterministic: the same upstream files always give byte-identical output.

What is real and what is not (every output row carries `status` and `kilde_id`):

* `offisiell`: copied from a published source in data/upstream/ (county codes, reforms,
  statsforvalter offices, teacher FTEs from GSI, the handful of real allocation figures).
* `beregnet`: derived from real figures by a documented rule: an official total split by the
  scheme's documented key (R1: teacher FTEs per county, domain brief §3) applied to real FTEs.
* `eksempel`: illustrative only. No complete public series of allocations per county, scheme
  and year exists (data/upstream/SOURCES.md §6), so national totals without a source, county
  splits without a known key, recipients and reporting rows are example data.

data/ gets only the `offisiell` and `beregnet` rows (the public build). The whole grid, the
illustrative rows included, goes to the demonstration package examples/demo/ (declared `x-demo`,
built by `make demo` into demo-site/), with its datapackage.json derived from data/datapackage.json
and the state-accounts files copied from data/ (run data/make_statsregnskap.py first).
"""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
UP = HERE / "upstream"
DEMO = HERE.parent / "examples" / "demo"
EXAMPLE = "eksempel"
# Files of the state accounts, made by make_statsregnskap.py: real, so the demo copies them as they are.
ACCOUNTS = ("bevilgninger.csv", "bokforinger.csv", "artskontoer.csv", "post_ordninger.csv")
YEARS = range(2018, 2027)
LAST_COUNTY_YEAR = 2026
ROUND_TO = Decimal(1000)
REPORT_DEADLINE = (6, 14)

SOURCES: list[dict[str, str]] = [
    {"kilde_id": "ssb-klass-104", "tittel": "Standard for fylkesinndeling (Klass 104)",
     "utgiver": "Statistisk sentralbyrå", "dato": "", "type": "offisiell",
     "url": "https://data.ssb.no/api/klass/v1/classifications/104"},
    {"kilde_id": "ssb-klass-104-endringer", "tittel": "Endringer i fylkesinndelingen 2017–2025 (Klass 104)",
     "utgiver": "Statistisk sentralbyrå", "dato": "", "type": "offisiell",
     "url": "https://data.ssb.no/api/klass/v1/classifications/104/changes?from=2017-01-01&to=2025-01-01"},
    {"kilde_id": "bord4-regionendringer", "tittel": "norwegian_regions_changes.csv (kommuner som byttet fylke 2020)",
     "utgiver": "Bergens Tidende, bord4-data (MIT)", "dato": "", "type": "sekundær",
     "url": "https://github.com/BergensTidende/bord4-data/blob/main/data/csv/norwegian_regions_changes.csv"},
    {"kilde_id": "dfo-statsforvalter", "tittel": "Statsforvalterens geografiske inndeling",
     "utgiver": "DFØ", "dato": "", "type": "offisiell",
     "url": "https://dfo.no/10-statsforvalterens-geografiske-inndeling"},
    {"kilde_id": "fm-nye-navn-2018", "tittel": "Nye navn på sammenslåtte fylkesmannsembeter",
     "utgiver": "Fylkesmannen", "dato": "2018-08-24", "type": "offisiell",
     "url": "https://www.fylkesmannen.no/nb/Aust--og-Vest-Agder/Folk-og-samfunn/Nyheter---Folk-og-samfunn/nye-navn-pa-sammenslatt-fylkesmannsembeter/"},
    {"kilde_id": "drm24-statsforvalter-2024", "tittel": "Viderefører Statsforvalteren i Oslo og Viken",
     "utgiver": "drm24.no", "dato": "2024-02-23", "type": "sekundær",
     "url": "https://www.drm24.no/videreforer-statsforvalteren-i-oslo-og-viken/284739"},
    {"kilde_id": "gsi-skoleporten-alle", "tittel": "Årsverk for undervisningspersonale, alle eierformer, 2014-15–2018-19 (GSI via Skoleporten)",
     "utgiver": "Utdanningsdirektoratet", "dato": "", "type": "offisiell",
     "url": "https://skoleporten.udir.no/rapportvisning/grunnskole/ressurser/undervisningspersonell-2/hordaland-fylke?orgaggr=a&sammenstilling=11&fordeling=2"},
    {"kilde_id": "gsi-skoleporten-2019", "tittel": "Årsverk for undervisningspersonale, alle eierformer, 2019-20 (GSI via Skoleporten)",
     "utgiver": "Utdanningsdirektoratet", "dato": "", "type": "offisiell",
     "url": "https://skoleporten.udir.no/rapportvisning/grunnskole/ressurser/undervisningspersonell-2/norske-skoler-i-utlandet?periode=2019-2020&orgaggr=a&sammenstilling=11&fordeling=0"},
    {"kilde_id": "fm-vestland-rekomp-2019", "tittel": "Fordeling av midlar i regional ordning for kompetanseutvikling 2019",
     "utgiver": "Fylkesmannen i Vestland", "dato": "2019-01-01", "type": "offisiell",
     "url": "https://www.fylkesmannen.no/vestland/barnehage-og-opplaring/barnehage/fordeling-av-midlar-i-regional-ordning-for-kompetanseutvikling-2019/"},
    {"kilde_id": "fm-oa-dekomp-2018", "tittel": "Informasjon om etterutdanning gjennom desentralisert ordning for kompetanseutvikling – 2018",
     "utgiver": "Fylkesmannen i Oslo og Akershus", "dato": "2018-03-08", "type": "offisiell",
     "url": "https://www.statsforvalteren.no/Oslo-og-Akershus/Barnehage-og-opplaring/Nyheter/2018/03/Informasjon-om-etterutdanning-gjennom-desentralisert-ordning-for-kompetanseutvikling---2018"},
    {"kilde_id": "dagsavisen-2020-02-06", "tittel": "Tjener fett på salg av utdanning (nasjonal sum for desentralisert ordning 2019)",
     "utgiver": "Dagsavisen", "dato": "2020-02-06", "type": "sekundær",
     "url": "https://www.dagsavisen.no/oslo/nyheter/2020/02/06/tjener-fett-pa-salg-av-utdanning/"},
    {"kilde_id": "sf-vestland-kl-2021", "tittel": "Oppstart av Kompetanseløftet for spesialpedagogikk og inkluderande praksis i 2021",
     "utgiver": "Statsforvaltaren i Vestland", "dato": "2021-02-25", "type": "offisiell",
     "url": "https://inte.statsforvalteren.no/nn/vestland/barnehage-og-opplaring/nasjonale-satsingar-for-kompetanseutvikling/kompetanseloftet-for-spesialpedagogikk-og-inkluderande-praksis/oppstart-av-kompetanseloftet-for-spesialpedagogikk-og-inkluderande-praksis-i-2021"},
    {"kilde_id": "ks-statsbudsjett-2023", "tittel": "Regjeringens forslag til statsbudsjett 2023 – barnehage, grunnopplæring og oppvekst",
     "utgiver": "KS", "dato": "2022-10-06", "type": "sekundær",
     "url": "https://www.ks.no/fagomrader/okonomi/statsbudsjettet-2023/regjeringens-forslag-til-statsbudsjett-2023-barnehage-grunnopplaring-og-oppvekst/"},
    {"kilde_id": "ks-statsbudsjett-2024", "tittel": "Barnehage og grunnskole i statsbudsjettet 2024",
     "utgiver": "KS", "dato": "2023-10-06", "type": "sekundær",
     "url": "https://www.ks.no/fagomrader/barn-og-unge/grunnskole-og-sfo/barnehage-og-grunnskole-i-statsbudsjettet-2024/"},
    {"kilde_id": "afi-2026-02", "tittel": "Sluttrapport: Evaluering av ny kompetansemodell (AFI-rapport 2026:02)",
     "utgiver": "OsloMet – Arbeidsforskningsinstituttet", "dato": "2025-12-01", "type": "offisiell", "url": ""},
    {"kilde_id": "udir-oppdrag-2023-013", "tittel": "Svar på oppdrag 2023-013: forenklinger og forvaltningsmodeller for et framtidig system for kompetanseutvikling",
     "utgiver": "Utdanningsdirektoratet", "dato": "2023-03-30", "type": "offisiell", "url": ""},
    {"kilde_id": "lovdata-2021-230", "tittel": "Retningslinjer for tilskuddsordning for lokal kompetanseutvikling i barnehage og grunnopplæring (FOR-2021-01-26-230)",
     "utgiver": "Kunnskapsdepartementet", "dato": "2021-01-26", "type": "offisiell",
     "url": "https://lovdata.no/dokument/SF/forskrift/2021-01-26-230"},
    {"kilde_id": "udir-yrkesfag", "tittel": "Tilskuddsordning for kompetanseutvikling i fag- og yrkesopplæring",
     "utgiver": "Utdanningsdirektoratet", "dato": "2022-11-09", "type": "offisiell",
     "url": "https://www.udir.no/kvalitet-og-kompetanse/lokal-kompetanseutvikling/tilskuddsordning-for-lokal-kompetanseutvikling-i-fag--og-yrkesopplaringen/"},
    {"kilde_id": "udir-oppfolging", "tittel": "Oppfølgingsordningen – rapportering og økonomi",
     "utgiver": "Utdanningsdirektoratet", "dato": "", "type": "offisiell",
     "url": "https://www.udir.no/kvalitet-og-kompetanse/lokal-kompetanseutvikling/oppfolgingsordningen/rapportering-og-okonomi/"},
    {"kilde_id": "sf-ov-mandat-vo", "tittel": "Mandat for samarbeidsforum – desentralisert ordning for kompetanseutvikling i voksenopplæringen i Oslo og Viken",
     "utgiver": "Statsforvalteren i Oslo og Viken", "dato": "2023-01-01", "type": "offisiell", "url": ""},
    {"kilde_id": "dfo-statsregnskap", "tittel": "Statsregnskapet: bevilgninger og regnskap for kap. 226 post 21 og 22 og kap. 231 post 21, per virksomhet og artskonto (tall oppdatert august 2026, avrundet til 0,1 mill. kr, hentet via Lippen1995/Project_statsbudsjett)",
     "utgiver": "Direktoratet for forvaltning og økonomistyring (DFØ)", "dato": "", "type": "offisiell",
     "url": "https://statsregnskapet.dfo.no/"},
    {"kilde_id": "statsregnskap-poster-ordninger", "tittel": "Hvilke ordninger postene 226.21, 226.22 og 231.21 bærer, sammenstilt av Kompetanseinnsyn fra omtalen av postene; ikke bekreftet post for post i Prop. 1 S eller tildelingsbrev",
     "utgiver": "Kompetanseinnsyn", "dato": "", "type": "sekundær", "url": ""},
    {"kilde_id": "beregning-nokkel", "tittel": "Beregnet av Kompetanseinnsyn: offisiell sum fordelt etter dokumentert nøkkel på offisielle nevnere (metoden står på Om-siden)",
     "utgiver": "Kompetanseinnsyn", "dato": "", "type": "beregning", "url": ""},
    {"kilde_id": "eksempeldata", "tittel": "Eksempeldata laget av Kompetanseinnsyn – oppdiktede tall, ikke offisielle",
     "utgiver": "Kompetanseinnsyn", "dato": "", "type": "eksempel", "url": ""},
]

# Why a source has no date or no URL (kilder.csv `merknad`; the load check D-SOURCE-REASON requires one then).
NO_URL = "Nettadressen er ikke registrert; søk etter tittelen hos utgiveren."
LIVE = "oppdateres løpende og har ingen utgivelsesdato"
REASONS = {
    "ssb-klass-104": f"Klassifikasjon i SSBs Klass-API som {LIVE}.",
    "ssb-klass-104-endringer": f"Endringstabell i SSBs Klass-API som {LIVE}.",
    "bord4-regionendringer": f"Datafil i et GitHub-arkiv som {LIVE}.",
    "dfo-statsforvalter": "Nettside hos DFØ uten publiseringsdato.",
    "gsi-skoleporten-alle": f"Rapport i Skoleporten som {LIVE}; tallene gjelder skoleårene i tittelen.",
    "gsi-skoleporten-2019": f"Rapport i Skoleporten som {LIVE}; tallene gjelder skoleåret i tittelen.",
    "afi-2026-02": NO_URL,
    "udir-oppdrag-2023-013": NO_URL,
    "udir-oppfolging": "Nettside hos Udir uten publiseringsdato.",
    "sf-ov-mandat-vo": NO_URL,
    "dfo-statsregnskap": f"Statsregnskapet er en database som {LIVE}; tallene er fra august 2026 (se tittelen).",
    "statsregnskap-poster-ordninger": "Sammenstilt av Kompetanseinnsyn, ikke et publisert dokument; derfor verken "
                                      "dato eller lenke.",
    "beregning-nokkel": "Beregnet av Kompetanseinnsyn; metoden står på /om/. Ingen lenke fordi tallet regnes ut her, "
                        "ingen dato fordi det regnes ut på nytt ved hver utgivelse.",
    "eksempeldata": "Oppdiktede tall laget av Kompetanseinnsyn; ingen publisert kilde.",
}
KINDERGARTEN_REASON = "Statistikktabell i SSBs arkiv uten egen publiseringsdato; tallene gjelder året i tittelen."

# Which source would complete what is not published, per scheme and level (dekning_kilder.csv, on /data/dekning/).
TO_OFFICES = ("Udirs årlige brev til statsforvalterne om fordelingen per fylke, eller statsforvalternes egne "
              "nyhetssaker om fordelingen i fylket.")
ACCOUNTS_SPLIT = ("Statsregnskapet viser hva hvert embete bokførte på posten, men ikke per ordning; embetenes "
                  "årsrapporter eller regnskap per tilskuddsordning ville skilt ordningene.")
TO_RECIPIENTS = ("Statsforvalternes vedtak om tilskudd til hver skole- eller barnehageeier og hver høyskole "
                 "(offentlige etter offentleglova).")
ALLOCATION_LETTER = "Tildelingsbrevet fra Kunnskapsdepartementet til Udir for året, eller Udirs årsrapport."
COVERAGE_SOURCES: list[dict[str, str]] = [
    *({"ordning_id": o, "niva": "nasjonalt", "kilde_tekst": ALLOCATION_LETTER, "kilde_id": ""}
      for o in ("rekomp", "dekomp", "kompetanseloftet", "vo")),
    *({"ordning_id": o, "niva": "fylke", "kilde_tekst": TO_OFFICES, "kilde_id": ""}
      for o in ("rekomp", "dekomp", "kompetanseloftet", "vo")),
    *({"ordning_id": o, "niva": "statsforvalter", "kilde_tekst": ACCOUNTS_SPLIT, "kilde_id": "dfo-statsregnskap"}
      for o in ("rekomp", "dekomp", "kompetanseloftet", "oppfolging", "yrkesfag")),
    {"ordning_id": "vo", "niva": "statsforvalter", "kilde_id": "",
     "kilde_tekst": "Hvilken budsjettpost ordningen føres på (Prop. 1 S); da viser statsregnskapet hva embetene "
                    "bokførte på den."},
    *({"ordning_id": o, "niva": "mottaker", "kilde_tekst": TO_RECIPIENTS, "kilde_id": ""}
      for o in ("rekomp", "dekomp", "kompetanseloftet", "vo")),
    {"ordning_id": "yrkesfag", "niva": "nasjonalt", "kilde_id": "udir-yrkesfag",
     "kilde_tekst": "Udirs tilsagnsbrev til fylkeskommunene for året, summert, eller tildelingsbrevet til Udir."},
    {"ordning_id": "yrkesfag", "niva": "fylke", "kilde_id": "udir-yrkesfag",
     "kilde_tekst": "Udirs tilsagnsbrev til hver fylkeskommune (tilskuddet går direkte til fylkeskommunene)."},
    {"ordning_id": "yrkesfag", "niva": "mottaker", "kilde_id": "",
     "kilde_tekst": "Fylkeskommunenes egne vedtak om hvem som fikk midler fra tilskuddet."},
    {"ordning_id": "oppfolging", "niva": "nasjonalt", "kilde_id": "udir-oppfolging",
     "kilde_tekst": "Udirs årsrapport eller oversikt over tilskudd i oppfølgingsordningen for året."},
    {"ordning_id": "oppfolging", "niva": "fylke", "kilde_id": "udir-oppfolging",
     "kilde_tekst": "Udirs vedtak om tilskudd til kommunene i oppfølgingsordningen, summert per fylke."},
    {"ordning_id": "oppfolging", "niva": "mottaker", "kilde_id": "udir-oppfolging",
     "kilde_tekst": "Udirs vedtak om tilskudd til hver kommune i oppfølgingsordningen."},
]
LEVELS = ("nasjonalt", "fylke", "statsforvalter", "mottaker")

SCHEMES: list[dict[str, str]] = [
    {"ordning_id": "rekomp", "navn": "Regional ordning for kompetanseutvikling i barnehage", "kortnavn": "Rekomp",
     "forvalter": "Statsforvalteren", "beslutter": "Statsforvalteren fatter vedtak etter innstilling fra samarbeidsforumet",
     "mottakere": "Barnehageeiere (kommunale og private) og universiteter og høyskoler",
     "fordelingsnokkel": "Fordeles mellom fylkene etter antall årsverk. Inntil 30 prosent kan brukes til tiltak som ikke er barnehagebaserte.",
     "nokkel_nevner": "barnehageansatte", "fra_aar": "2018", "til_aar": "",
     "pengestrom": "Udir → statsforvalteren → barnehageeiere og UH-partnere. Pengene blir ikke i fylkeskommunen.",
     "beskrivelse": "Kollektiv kompetanseutvikling i barnehager ut fra lokale behov, i partnerskap med universitet eller høyskole.",
     "kilde_id": "lovdata-2021-230"},
    {"ordning_id": "dekomp", "navn": "Desentralisert ordning for kompetanseutvikling i skolen", "kortnavn": "Dekomp",
     "forvalter": "Statsforvalteren", "beslutter": "Statsforvalteren fatter vedtak etter innstilling fra samarbeidsforumet",
     "mottakere": "Skoleeiere (kommuner, fylkeskommuner, friskoler) og universiteter og høyskoler",
     "fordelingsnokkel": "Fordeles mellom fylkene etter antall lærerårsverk. Skoleeier bidrar med egenandel på 30 prosent av det statlige tilskuddet.",
     "nokkel_nevner": "larerarsverk_grunnskole", "fra_aar": "2017", "til_aar": "",
     "pengestrom": "Udir → statsforvalteren → skoleeiere og UH-partnere, med 30 % egenandel fra skoleeier.",
     "beskrivelse": "Kollektiv kompetanseutvikling i grunnskole og videregående skole ut fra lokale behov, i partnerskap med universitet eller høyskole.",
     "kilde_id": "lovdata-2021-230"},
    {"ordning_id": "kompetanseloftet", "navn": "Kompetanseløftet for spesialpedagogikk og inkluderende praksis", "kortnavn": "Kompetanseløftet",
     "forvalter": "Statsforvalteren", "beslutter": "Statsforvalteren etter prioritering i samarbeidsforumet",
     "mottakere": "Kommuner, fylkeskommuner, barnehage- og skoleeiere og UH; PP-tjenesten og laget rundt barnet er målgruppe",
     "fordelingsnokkel": "60/40-fordeling: antall årsverk teller 60 prosent og antall skoler 40 prosent, og en del fordeles flatt mellom fylkene.",
     "nokkel_nevner": "larerarsverk_grunnskole", "fra_aar": "2020", "til_aar": "",
     "pengestrom": "Udir → statsforvalteren → kommuner, fylkeskommuner og UH. Midlene kan bare brukes til spesialpedagogikk og inkluderende praksis.",
     "beskrivelse": "Skal gi kommuner, fylkeskommuner og eiere nok kompetanse tett på barna og elevene til et inkluderende og tilpasset tilbud.",
     "kilde_id": "udir-oppdrag-2023-013"},
    {"ordning_id": "yrkesfag", "navn": "Tilskuddsordning for kompetanseutvikling i fag- og yrkesopplæring", "kortnavn": "Fag- og yrkesopplæring",
     "forvalter": "Fylkeskommunen", "beslutter": "Fylkeskommunen disponerer midlene etter plan fra samarbeidsforumet",
     "mottakere": "Fylkeskommunen, som kjøper tiltak fra UH, fagskoler, bransjer og bedrifter",
     "fordelingsnokkel": "Midlene går direkte til fylkeskommunene. Den nasjonale fordelingsnøkkelen er ikke publisert.",
     "nokkel_nevner": "", "fra_aar": "2019", "til_aar": "",
     "pengestrom": "Udir → fylkeskommunen (med egen medfinansiering) → skoler, lærebedrifter og tilbydere.",
     "beskrivelse": "Kompetanseheving for yrkesfaglærere, instruktører, faglige ledere og prøvenemndsmedlemmer.",
     "kilde_id": "udir-yrkesfag"},
    {"ordning_id": "oppfolging", "navn": "Oppfølgingsordningen", "kortnavn": "Oppfølgingsordningen",
     "forvalter": "Statsforvalteren", "beslutter": "Udir trekker ut kommuner; statsforvalteren behandler søknader om midler",
     "mottakere": "Kommuner som er trukket ut",
     "fordelingsnokkel": "Om lag 5 prosent av den samlede summen til ordningene. Fordelingen mellom fylkene følger uttrekket av kommuner.",
     "nokkel_nevner": "", "fra_aar": "2017", "til_aar": "",
     "pengestrom": "Udir → statsforvalteren → uttrukne kommuner.",
     "beskrivelse": "Oppfølging av kommuner med resultater under en nedre grense for kvalitet over tid; ett års forfase og to års gjennomføring.",
     "kilde_id": "udir-oppfolging"},
    {"ordning_id": "vo", "navn": "Desentralisert ordning for kompetanseutvikling i voksenopplæringen", "kortnavn": "Voksenopplæring",
     "forvalter": "HK-dir og statsforvalteren", "beslutter": "Samarbeidsforumet prioriterer; statsforvalteren avgjør ved uenighet",
     "mottakere": "Aktører og nettverk i voksenopplæringen",
     "fordelingsnokkel": "HK-dir tildeler årlig. Fordelingsnøkkelen er ikke publisert.",
     "nokkel_nevner": "", "fra_aar": "2023", "til_aar": "",
     "pengestrom": "HK-dir → statsforvalteren → VO-nettverk og aktører.",
     "beskrivelse": "Etterutdanning for lærere og ledere i voksenopplæringen, bygget på modellen for desentralisert ordning.",
     "kilde_id": "sf-ov-mandat-vo"},
]

# National totals: (amount, status, source, note). Only the entries marked offisiell have a source.
NATIONAL: dict[str, dict[int, tuple[int, str, str, str]]] = {
    "rekomp": {y: (v, "eksempel", "eksempeldata", "") for y, v in zip(
        YEARS, (150, 170, 180, 190, 200, 260, 265, 270, 275), strict=True)},
    "dekomp": {y: (v, "eksempel", "eksempeldata", "") for y, v in zip(
        YEARS, (190, 230, 250, 260, 265, 270, 275, 280, 285), strict=True)},
    "kompetanseloftet": {y: (v, "eksempel", "eksempeldata", "") for y, v in zip(
        range(2021, 2027), (50, 80, 110, 120, 125, 125), strict=True)},
    "yrkesfag": {y: (v, "eksempel", "eksempeldata", "") for y, v in zip(
        range(2019, 2027), (30, 35, 40, 45, 50, 51, 52, 52), strict=True)},
    "vo": {y: (v, "eksempel", "eksempeldata", "") for y, v in zip(
        range(2023, 2027), (20, 21, 22, 22), strict=True)},
}
# A news article is a secondary source: never the only basis of «offisiell» or «beregnet» (D-SOURCE-SECONDARY),
# so the 2019 dekomp total and its county split are illustrations in the demo only, not published in data/.
NATIONAL["dekomp"][2019] = (230, "eksempel", "dagsavisen-2020-02-06", "«nærmere bestemt 230 millioner kroner»; bare oppgitt i en avisartikkel (sekundærkilde), ikke funnet i en offisiell kilde, derfor bare et eksempel")
NATIONAL["kompetanseloftet"][2021] = (50, "offisiell", "sf-vestland-kl-2021", "«den samla tildelinga på 50 mill. kroner»")
NATIONAL["yrkesfag"][2024] = (51, "offisiell", "afi-2026-02", "51 millioner kroner i 2024, fordelt mellom fylkeskommunene")

# Real allocations to one statsforvalter office: (scheme, year, counties, amount, source, note).
OFFICE_TOTALS = [
    ("dekomp", 2018, ("02", "03"), 39_700_000, "fm-oa-dekomp-2018",
     "39,7 mill. til Fylkesmannen i Oslo og Akershus, fordelt på 02 og 03 etter lærerårsverk 1.10.2017"),
    ("rekomp", 2019, ("12", "14"), 19_680_000, "fm-vestland-rekomp-2019",
     "Sum av tre publiserte delbeløp til Fylkesmannen i Vestland, fordelt på 12 og 14 etter lærerårsverk 1.10.2018 "
     "(barnehageårsverk mangler)"),
    ("kompetanseloftet", 2021, ("46",), 5_300_000, "sf-vestland-kl-2021",
     "Om lag: kilden sier «om lag 5,3 millionar kroner»"),
]
# The note on the county figures of Kompetanseløftet split by the simplified key.
KL_SIMPLIFIED = "Forenklet nøkkel: bare lærerårsverk; skoletall og flat del mangler"

UH_BY_COUNTY = {
    "03": "OsloMet – storbyuniversitetet", "11": "Universitetet i Stavanger", "15": "Høgskulen i Volda",
    "18": "Nord universitet", "34": "Høgskolen i Innlandet", "42": "Universitetet i Agder",
    "46": "Høgskulen på Vestlandet", "50": "NTNU", "30": "Universitetet i Sørøst-Norge",
    "38": "Universitetet i Sørøst-Norge", "54": "UiT Norges arktiske universitet",
    "31": "Høgskolen i Østfold", "32": "OsloMet – storbyuniversitetet", "33": "Universitetet i Sørøst-Norge",
    "39": "Universitetet i Sørøst-Norge", "40": "Universitetet i Sørøst-Norge",
    "55": "UiT Norges arktiske universitet", "56": "UiT Norges arktiske universitet",
    "01": "Høgskolen i Østfold", "02": "OsloMet – storbyuniversitetet", "04": "Høgskolen i Innlandet",
    "05": "Høgskolen i Innlandet", "06": "Universitetet i Sørøst-Norge", "07": "Universitetet i Sørøst-Norge",
    "08": "Universitetet i Sørøst-Norge", "09": "Universitetet i Agder", "10": "Universitetet i Agder",
    "12": "Høgskulen på Vestlandet", "14": "Høgskulen på Vestlandet", "19": "UiT Norges arktiske universitet",
    "20": "UiT Norges arktiske universitet",
}


NOTES_NB = {
    ("01", "30"): "Rømskog ble slått sammen med Aurskog-Høland (i 32 Akershus fra 2024).",
    ("06", "30"): "Røyken og Hurum ble en del av Asker (i 32 Akershus fra 2024).",
    ("05", "34"): "Jevnaker og Lunner gikk til 30 Viken i stedet.",
    ("05", "30"): "Bare Jevnaker og Lunner; ikke flyttet i sammenlignbar serie.",
    ("07", "38"): "Svelvik ble en del av Drammen i 30 Viken.",
    ("07", "30"): "Bare Svelvik (til Drammen); ikke flyttet i sammenlignbar serie.",
    ("14", "46"): "Hornindal ble en del av Volda i 15 Møre og Romsdal.",
    ("14", "15"): "Bare Hornindal (til Volda); ikke flyttet i sammenlignbar serie.",
    ("15", "50"): "Bare Halsa (til Heim); ikke flyttet i sammenlignbar serie.",
    ("18", "54"): "Bare Tjeldsund; ikke flyttet i sammenlignbar serie.",
    ("30", "31"): "Tidligere Østfold-kommuner (uten Rømskog).",
    ("30", "32"): "Tidligere Akershus, Asker (med Røyken og Hurum), Jevnaker, Lunner og Aurskog-Høland.",
    ("30", "33"): "Tidligere Buskerud uten Røyken og Hurum, med Svelvik (via Drammen).",
    ("54", "55"): "Med Tjeldsund (fra Nordland i 2020).",
    ("01", "31"): "Tidligere 01 Østfold uten Rømskog.",
    ("02", "32"): "Tidligere 02 Akershus med Rømskog, Jevnaker, Lunner, Røyken og Hurum.",
    ("06", "33"): "Tidligere 06 Buskerud uten Røyken og Hurum, med Svelvik.",
    ("07", "39"): "Tidligere 07 Vestfold uten Svelvik.",
    ("08", "40"): "Tidligere 08 Telemark.",
    ("19", "55"): "Tidligere 19 Troms med Tjeldsund.",
    ("20", "56"): "Tidligere 20 Finnmark.",
}


def read(name: str) -> list[dict[str, str]]:
    """Rows of an upstream CSV file."""
    with (UP / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_here(name: str) -> list[dict[str, str]]:
    """Rows of a CSV file already in data/ (the state-accounts files)."""
    with (HERE / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(name: str, fields: list[str], rows: Iterable[dict[str, object]], folder: Path = HERE) -> None:
    """Write rows as UTF-8 CSV with LF line ends, in the order given."""
    with (folder / name).open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({k: fmt(row.get(k, "")) for k in fields})


def fmt(value: object) -> str:
    """Plain machine-readable text for a cell."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return "" if value is None else str(value)


def noise(*key: object) -> float:
    """A deterministic number in [0, 1) derived from the key."""
    digest = hashlib.sha256("|".join(map(str, key)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def counties() -> list[dict[str, object]]:
    """Counties with validity as years (last year inclusive)."""
    out = []
    for r in read("fylker.csv"):
        til = r["gyldig_til_eksklusiv"]
        official = r["offisielt_navn"].split(" (")[0]
        out.append({
            "fylkesnummer": r["fylkesnummer"], "navn": r["fylke"],
            "offisielt_navn": official if official != r["fylke"] else "",
            "gyldig_fra_aar": max(int(r["gyldig_fra"][:4]), 1919),
            "gyldig_til_aar": int(til[:4]) - 1 if til else "",
            "kilde_id": "ssb-klass-104",
        })
    return out


def valid_in(cs: list[dict[str, object]], year: int) -> list[str]:
    """County numbers valid in a year."""
    return [str(c["fylkesnummer"]) for c in cs
            if int(str(c["gyldig_fra_aar"])) <= year and (c["gyldig_til_aar"] == "" or year <= int(str(c["gyldig_til_aar"])))]


def fte_counts() -> dict[tuple[str, int], Decimal]:
    """Teacher FTEs (all owners) by (county, counting year), from GSI."""
    out = {}
    for r in read("gsi_arsverk_undervisning_grunnskole_fylke.csv"):
        if r["eierform"] == "alle" and r["fylkesnummer"] not in ("", "21"):
            out[(r["fylkesnummer"], int(r["skoleaar"][:4]))] = Decimal(r["arsverk_undervisningspersonale"])
    return out


def transitions(fte: dict[tuple[str, int], Decimal]) -> list[dict[str, object]]:
    """County transitions with the share of the old county that goes to the new one."""
    share_basis = {"30": ("01", "02", "06"), "38": ("07", "08"), "54": ("19", "20")}
    succ_old = {"31": "01", "32": "02", "33": "06", "39": "07", "40": "08", "55": "19", "56": "20"}
    out = []
    for r in read("fylke_crosswalk.csv"):
        year = int(r["dato"][:4])
        rel = r["relasjon"]
        src = "ssb-klass-104-endringer" if "klass" in r["source_url"] else "bord4-regionendringer"
        if rel.startswith("split"):
            basis = share_basis[r["fra_fylkesnummer"]]
            total = sum(fte[(c, 2019)] for c in basis)
            share = (fte[(succ_old[r["til_fylkesnummer"]], 2019)] / total).quantize(Decimal("0.0001"))
            kind, note = "deling", f"Andel etter lærerårsverk 1.10.2019 i gamle fylke {succ_old[r['til_fylkesnummer']]}."
        elif rel.startswith("partial"):
            kind, share, note = "delvis", Decimal(0), ""
        else:
            kind, share, note = "hel", Decimal(1), ""
        extra = NOTES_NB.get((r["fra_fylkesnummer"], r["til_fylkesnummer"]), "")
        note = f"{note} {extra}".strip()
        out.append({"fra_fylkesnummer": r["fra_fylkesnummer"], "til_fylkesnummer": r["til_fylkesnummer"],
                    "aar": year, "relasjon": kind, "andel": share, "merknad": note, "kilde_id": src})
    for new, old in sorted(succ_old.items()):
        out.append({"fra_fylkesnummer": old, "til_fylkesnummer": new, "aar": 2024, "relasjon": "tilsvarer",
                    "andel": Decimal(1), "kilde_id": "ssb-klass-104",
                    "merknad": f"Gjenopprettet fylke, brukt i sammenlignbar serie. {NOTES_NB[(old, new)]}"})
    fix_shares(out)
    return out


def fix_shares(rows: list[dict[str, object]]) -> None:
    """Make the split shares of each old county sum to exactly 1 (rounding goes to the largest)."""
    for fra in ("30", "38", "54"):
        parts = [r for r in rows if r["fra_fylkesnummer"] == fra and r["relasjon"] == "deling"]
        largest = max(parts, key=lambda r: Decimal(str(r["andel"])))
        largest["andel"] = Decimal(1) - sum((Decimal(str(r["andel"])) for r in parts if r is not largest), Decimal(0))


def map_to_year(values: dict[str, Decimal], from_year: int, to_year: int,
                trans: list[dict[str, object]]) -> dict[str, Decimal]:
    """Carry per-county values across the reforms between two years (shares from the crosswalk)."""
    for year in sorted({int(str(t["aar"])) for t in trans}):
        if not from_year < year <= to_year:
            continue
        moved: dict[str, Decimal] = {}
        changed = {str(t["fra_fylkesnummer"]) for t in trans if t["aar"] == year and t["relasjon"] in ("hel", "deling")}
        for code, v in values.items():
            if code not in changed:
                moved[code] = moved.get(code, Decimal(0)) + v
        for t in trans:
            if t["aar"] == year and t["relasjon"] in ("hel", "deling") and str(t["fra_fylkesnummer"]) in values:
                to = str(t["til_fylkesnummer"])
                moved[to] = moved.get(to, Decimal(0)) + values[str(t["fra_fylkesnummer"])] * Decimal(str(t["andel"]))
        values = moved
    return values


def key_basis(fte: dict[tuple[str, int], Decimal], year: int, trans: list[dict[str, object]]) -> dict[str, Decimal]:
    """Teacher FTEs for a budget year: latest count before the year, in that year's counties."""
    count_year = max(y for (_, y) in fte if y <= year - 1)
    values = {c: v for (c, y), v in fte.items() if y == count_year}
    return map_to_year(values, count_year, year, trans)


def split(total: Decimal, weights: dict[str, Decimal]) -> dict[str, Decimal]:
    """Split a total in whole thousands by weight, largest remainder first, summing exactly."""
    units = int(total / ROUND_TO)
    wsum = sum(weights.values())
    raw = {c: Decimal(units) * w / wsum for c, w in weights.items()}
    base = {c: int(v) for c, v in raw.items()}
    rest = units - sum(base.values())
    for c in sorted(raw, key=lambda c: (-(raw[c] - base[c]), c))[:rest]:
        base[c] += 1
    return {c: Decimal(v) * ROUND_TO for c, v in base.items()}


def example_weights(scheme: str, year: int, basis: dict[str, Decimal]) -> dict[str, Decimal]:
    """Illustrative weights: the FTE key perturbed, so example figures never pose as key results."""
    return {c: v * Decimal(str(round(0.85 + 0.3 * noise(scheme, year, c), 4))) for c, v in basis.items()}


def national_rows() -> list[dict[str, object]]:
    """National totals per scheme and year, plus the oppfølgingsordning at about 5 % of the others."""
    rows = []
    for scheme, years in NATIONAL.items():
        for year, (mill, status, src, note) in years.items():
            rows.append({"aar": year, "ordning_id": scheme, "belop": Decimal(mill) * 1_000_000,
                         "status": status, "kilde_id": src, "merknad": note})
    for year in YEARS:
        others = sum(NATIONAL[s][year][0] for s in ("rekomp", "dekomp", "kompetanseloftet") if year in NATIONAL[s])
        amount = (Decimal(others) * Decimal("0.05")).quantize(Decimal("0.1")) * 1_000_000
        rows.append({"aar": year, "ordning_id": "oppfolging", "belop": amount, "status": "eksempel",
                     "kilde_id": "eksempeldata", "merknad": "Om lag 5 prosent av rekomp, dekomp og Kompetanseløftet"})
    return sorted(rows, key=lambda r: (r["ordning_id"], r["aar"]))


def county_frames(nat: list[dict[str, object]], fte: dict[tuple[str, int], Decimal],
                  trans: list[dict[str, object]], cs: list[dict[str, object]]) -> list[dict[str, object]]:
    """County frames (belopstype ramme) for every national total."""
    rows = []
    for n in nat:
        scheme, year = str(n["ordning_id"]), int(str(n["aar"]))
        basis = {c: v for c, v in key_basis(fte, year, trans).items() if c in valid_in(cs, year)}
        total = Decimal(str(n["belop"]))
        fixed: dict[str, tuple[Decimal, str, str, str]] = {}
        for s, y, codes, amount, src, note in OFFICE_TOTALS:
            if (s, y) == (scheme, year):
                status = "offisiell" if len(codes) == 1 else "beregnet"
                for code, part in split(Decimal(amount), {c: basis[c] for c in codes}).items():
                    fixed[code] = (part, status, src, note)
        rest_total = total - sum((f[0] for f in fixed.values()), Decimal(0))
        rest_basis = {c: v for c, v in basis.items() if c not in fixed}
        keyed = n["status"] in ("offisiell", "beregnet") and scheme in ("dekomp", "kompetanseloftet")
        weights = rest_basis if keyed else example_weights(scheme, year, rest_basis)
        for code, amount in split(rest_total, weights).items():
            if keyed:
                note = "Offisiell nasjonal sum fordelt etter lærerårsverk"
                if scheme == "kompetanseloftet":
                    note = KL_SIMPLIFIED
                fixed[code] = (amount, "beregnet", "beregning-nokkel", note)
            else:
                fixed[code] = (amount, "eksempel", "eksempeldata", "")
        for code in sorted(fixed):
            amount, status, src, note = fixed[code]
            rows.append({"aar": year, "ordning_id": scheme, "fylkesnummer": code, "mottaker_orgnr": "",
                         "mottaker_navn": "", "belop": amount, "belopstype": "ramme",
                         "status": status, "kilde_id": src, "merknad": note})
    return rows


def county_name(cs: list[dict[str, object]], code: str) -> str:
    """The county's name."""
    return next(str(c["navn"]) for c in cs if c["fylkesnummer"] == code)


def grants(frames: list[dict[str, object]], cs: list[dict[str, object]]) -> list[dict[str, object]]:
    """Example grants (tilsagn) to recipients inside each county frame."""
    rows = []
    for f in frames:
        scheme, code = str(f["ordning_id"]), str(f["fylkesnummer"])
        name = county_name(cs, code)
        if scheme == "yrkesfag":
            recipients = [(f"{name} fylkeskommune", Decimal(1))]
        elif scheme in ("rekomp", "dekomp", "kompetanseloftet"):
            owner = "barnehageeiere" if scheme == "rekomp" else "skoleeiere"
            recipients = [(f"Kommunale {owner} i {name} (samlet, eksempel)", Decimal("0.5")),
                          (f"Private {owner} i {name} (samlet, eksempel)", Decimal("0.1")),
                          (UH_BY_COUNTY.get(code, "Universitet eller høyskole (eksempel)"), Decimal("0.4"))]
        else:
            continue
        parts = split(Decimal(str(f["belop"])), dict(recipients))
        for recipient, _ in recipients:
            rows.append({**f, "mottaker_navn": recipient, "belop": parts[recipient], "belopstype": "tilsagn",
                         "status": "eksempel", "kilde_id": "eksempeldata", "merknad": ""})
    return rows


def reports(grant_rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Example reports from each recipient: use of funds, co-financing, participants, date."""
    rows = []
    for g in grant_rows:
        key = (g["aar"], g["ordning_id"], g["fylkesnummer"], g["mottaker_navn"])
        year = int(str(g["aar"]))
        r = noise("rapport", *key)
        deadline = date(year, *REPORT_DEADLINE)
        reported = "" if r > 0.93 else (deadline - timedelta(days=int(40 * noise("d", *key)))
                                        if r < 0.78 else deadline + timedelta(days=1 + int(90 * noise("d", *key))))
        used = (Decimal(str(g["belop"])) * Decimal(str(round(0.82 + 0.18 * noise("b", *key), 3)))).quantize(Decimal(1))
        rows.append({"aar": year, "ordning_id": g["ordning_id"], "fylkesnummer": g["fylkesnummer"],
                     "mottaker_orgnr": "", "mottaker_navn": g["mottaker_navn"],
                     "brukt_belop": "" if reported == "" else used,
                     "egenandel": (used * Decimal("0.3")).quantize(Decimal(1), ROUND_HALF_EVEN)
                     if reported != "" and g["ordning_id"] == "dekomp" else "",
                     "deltakere": "" if reported == "" else 20 + int(400 * noise("p", *key)),
                     "partnere": "" if reported == "" else UH_BY_COUNTY.get(str(g["fylkesnummer"]), ""),
                     "rapportert_dato": reported, "status": "eksempel", "kilde_id": "eksempeldata"})
    return rows


def denominators(fte: dict[tuple[str, int], Decimal]) -> list[dict[str, object]]:
    """Real denominators: teacher FTEs (GSI) and the partial kindergarten staff counts (SSB)."""
    rows = []
    for (code, year), value in sorted(fte.items()):
        rows.append({"aar": year, "fylkesnummer": code, "nevner": "larerarsverk_grunnskole", "verdi": value,
                     "telledato": f"{year}-10-01", "status": "offisiell",
                     "kilde_id": "gsi-skoleporten-2019" if year == 2019 else "gsi-skoleporten-alle"})
    for r in read("barnehage_ansatte_fylke_partial.csv"):
        if r["fylkesnummer"]:
            src = "ssb-barnehage-" + r["source_url"].rsplit("/", 1)[-1].removesuffix(".html")
            rows.append({"aar": r["aar"], "fylkesnummer": r["fylkesnummer"], "nevner": "barnehageansatte",
                         "verdi": Decimal(r["ansatte"]), "telledato": f"{r['aar']}-12-15", "status": "offisiell",
                         "kilde_id": src})
    return sorted(rows, key=lambda r: (r["nevner"], r["aar"], r["fylkesnummer"]))


def kindergarten_sources() -> list[dict[str, str]]:
    """One source per SSB kindergarten table used."""
    out = {}
    for r in read("barnehage_ansatte_fylke_partial.csv"):
        if r["fylkesnummer"]:
            table = r["source_url"].rsplit("/", 1)[-1].removesuffix(".html")
            out[table] = {"kilde_id": f"ssb-barnehage-{table}", "tittel": f"Barnehager, ansatte ({table}, {r['aar']})",
                          "utgiver": "Statistisk sentralbyrå", "dato": "", "type": "offisiell", "url": r["source_url"],
                          "merknad": KINDERGARTEN_REASON}
    return [out[k] for k in sorted(out)]


# Embeter only the state accounts show (2014–2017): their names and org.nr. as DFØ booked them.
OFFICES_FROM_ACCOUNTS = {"aust-agder", "vest-agder", "sor-trondelag", "nord-trondelag"}


def office_source(embete: str, first: int) -> str:
    """The source of an office row."""
    if embete in OFFICES_FROM_ACCOUNTS:
        return "dfo-statsregnskap"
    if embete == "obo-akershus":
        return "drm24-statsforvalter-2024"
    return "fm-nye-navn-2018" if first == 2019 else "dfo-statsforvalter"


def offices() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """Statsforvalter offices (with the org.nr. they book under in the state accounts) and their counties by year."""
    names = {
        "oslo-viken": ("Statsforvalteren i Oslo og Viken", "974761319", 2019, 2023),
        "obo-akershus": ("Statsforvalteren i Østfold, Buskerud, Oslo og Akershus", "974761319", 2024, None),
        "innlandet": ("Statsforvalteren i Innlandet", "974761645", 2019, None),
        "vestfold-telemark": ("Statsforvalteren i Vestfold og Telemark", "974762501", 2019, None),
        "agder": ("Statsforvalteren i Agder", "974762994", 2019, None),
        "rogaland": ("Statsforvalteren i Rogaland", "974763230", 2014, None),
        "vestland": ("Statsforvalteren i Vestland", "974760665", 2019, None),
        "more-romsdal": ("Statsforvalteren i Møre og Romsdal", "974764067", 2014, None),
        "trondelag": ("Statsforvalteren i Trøndelag", "974764350", 2018, None),
        "nordland": ("Statsforvalteren i Nordland", "974764687", 2014, None),
        "troms-finnmark": ("Statsforvalteren i Troms og Finnmark", "967311014", 2019, None),
        "oslo-akershus": ("Fylkesmannen i Oslo og Akershus", "974761319", 2014, 2018),
        "ostfold": ("Fylkesmannen i Østfold", "974760460", 2014, 2018),
        "buskerud": ("Fylkesmannen i Buskerud", "946473111", 2014, 2018),
        "hedmark": ("Fylkesmannen i Hedmark", "974761645", 2014, 2018),
        "oppland": ("Fylkesmannen i Oppland", "970350934", 2014, 2018),
        "vestfold": ("Fylkesmannen i Vestfold", "974762501", 2014, 2018),
        "telemark": ("Fylkesmannen i Telemark", "974762684", 2014, 2018),
        "aust-agder": ("Fylkesmannen i Aust-Agder", "", 2014, 2015),
        "vest-agder": ("Fylkesmannen i Vest-Agder", "974762994", 2014, 2015),
        "aust-vest-agder": ("Fylkesmannen i Aust- og Vest-Agder", "974762994", 2016, 2018),
        "hordaland": ("Fylkesmannen i Hordaland", "974760665", 2014, 2018),
        "sogn-fjordane": ("Fylkesmannen i Sogn og Fjordane", "974763907", 2014, 2018),
        "sor-trondelag": ("Fylkesmannen i Sør-Trøndelag", "974764350", 2014, 2017),
        "nord-trondelag": ("Fylkesmannen i Nord-Trøndelag", "974772108", 2014, 2017),
        "troms": ("Fylkesmannen i Troms", "974772124", 2014, 2018),
        "finnmark": ("Fylkesmannen i Finnmark", "967311014", 2014, 2018),
    }
    office_rows = [{"embete_id": k, "navn": n, "orgnr": o, "fra_aar": a, "til_aar": b or "",
                    "kilde_id": office_source(k, a)} for k, (n, o, a, b) in sorted(names.items())]
    cover = [
        ("oslo-akershus", "02", 2014, 2018), ("oslo-akershus", "03", 2014, 2018), ("ostfold", "01", 2014, 2018),
        ("buskerud", "06", 2014, 2018), ("hedmark", "04", 2014, 2018), ("oppland", "05", 2014, 2018),
        ("vestfold", "07", 2014, 2018), ("telemark", "08", 2014, 2018), ("aust-agder", "09", 2014, 2015),
        ("vest-agder", "10", 2014, 2015), ("aust-vest-agder", "09", 2016, 2018),
        ("aust-vest-agder", "10", 2016, 2018), ("hordaland", "12", 2014, 2018), ("sogn-fjordane", "14", 2014, 2018),
        ("troms", "19", 2014, 2018), ("finnmark", "20", 2014, 2018), ("rogaland", "11", 2014, None),
        ("more-romsdal", "15", 2014, None), ("nordland", "18", 2014, None), ("trondelag", "50", 2018, None),
        ("oslo-viken", "01", 2019, 2019), ("oslo-viken", "02", 2019, 2019), ("oslo-viken", "03", 2019, 2023),
        ("oslo-viken", "06", 2019, 2019), ("oslo-viken", "30", 2020, 2023), ("innlandet", "04", 2019, 2019),
        ("innlandet", "05", 2019, 2019), ("innlandet", "34", 2020, None), ("vestfold-telemark", "07", 2019, 2019),
        ("vestfold-telemark", "08", 2019, 2019), ("vestfold-telemark", "38", 2020, 2023),
        ("vestfold-telemark", "39", 2024, None), ("vestfold-telemark", "40", 2024, None),
        ("agder", "09", 2019, 2019), ("agder", "10", 2019, 2019), ("agder", "42", 2020, None),
        ("vestland", "12", 2019, 2019), ("vestland", "14", 2019, 2019), ("vestland", "46", 2020, None),
        ("troms-finnmark", "19", 2019, 2019), ("troms-finnmark", "20", 2019, 2019),
        ("troms-finnmark", "54", 2020, 2023), ("troms-finnmark", "55", 2024, None),
        ("troms-finnmark", "56", 2024, None), ("obo-akershus", "03", 2024, None),
        ("obo-akershus", "31", 2024, None), ("obo-akershus", "32", 2024, None), ("obo-akershus", "33", 2024, None),
        ("sor-trondelag", "16", 2014, 2017), ("nord-trondelag", "17", 2014, 2017),
    ]
    cover_rows = [{"embete_id": e, "fylkesnummer": c, "fra_aar": a, "til_aar": b or "",
                   "kilde_id": "dfo-statsregnskap" if e in OFFICES_FROM_ACCOUNTS else "dfo-statsforvalter"}
                  for e, c, a, b in sorted(cover, key=lambda t: (t[1], t[2], t[0]))]
    return office_rows, cover_rows


# Every fylkesmann became «Statsforvalteren i …» on 1 January 2021; the state accounts book the embeter as
# «Fylkesmannen i …» to 2020 and as «Statsforvalteren/Statsforvaltaren i …» from 2021 (dfo-statsregnskap).
RENAME_YEAR = 2021
RENAME_SOURCE = "dfo-statsregnskap"


def name_rows(office_rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Each embete's official names by period: a statsforvalter existing before 2021 was «Fylkesmannen i …» until then."""
    out: list[dict[str, object]] = []
    for r in office_rows:
        name, first, last = str(r["navn"]), int(str(r["fra_aar"])), r["til_aar"]
        if name.startswith("Statsforvalteren i ") and first < RENAME_YEAR:
            old = "Fylkesmannen i " + name.removeprefix("Statsforvalteren i ")
            out.append({"embete_id": r["embete_id"], "navn": old, "fra_aar": first, "til_aar": RENAME_YEAR - 1,
                        "kilde_id": r["kilde_id"]})
            out.append({"embete_id": r["embete_id"], "navn": name, "fra_aar": RENAME_YEAR, "til_aar": last,
                        "kilde_id": RENAME_SOURCE})
        else:
            out.append({k: r[k] for k in ("embete_id", "navn", "fra_aar", "til_aar", "kilde_id")})
    return out


def resources(cs: list[dict[str, object]]) -> list[tuple[str, list[str], list[dict[str, object]]]]:
    """Every generated resource file: name, columns and rows (the illustrative rows included)."""
    fte = fte_counts()
    trans = transitions(fte)
    nat = national_rows()
    frames = county_frames(nat, fte, trans, cs)
    grant_rows = grants(frames, cs)
    office_rows, cover_rows = offices()
    grant_fields = ["aar", "ordning_id", "fylkesnummer", "mottaker_orgnr", "mottaker_navn", "belop", "belopstype",
                    "status", "kilde_id", "merknad"]
    return [
        ("kilder.csv", ["kilde_id", "tittel", "utgiver", "dato", "type", "url", "merknad"],
         sorted(([{**s, "merknad": REASONS.get(s["kilde_id"], "")} for s in SOURCES] + kindergarten_sources()),
                key=lambda s: s["kilde_id"])),
        ("fylker.csv", ["fylkesnummer", "navn", "offisielt_navn", "gyldig_fra_aar", "gyldig_til_aar", "kilde_id"], cs),
        ("fylkesoverganger.csv", ["fra_fylkesnummer", "til_fylkesnummer", "aar", "relasjon", "andel", "merknad",
                                  "kilde_id"], trans),
        ("statsforvaltere.csv", ["embete_id", "navn", "orgnr", "fra_aar", "til_aar", "kilde_id"], office_rows),
        ("statsforvalter_fylker.csv", ["embete_id", "fylkesnummer", "fra_aar", "til_aar", "kilde_id"], cover_rows),
        ("embete_navn.csv", ["embete_id", "navn", "fra_aar", "til_aar", "kilde_id"], name_rows(office_rows)),
        ("ordninger.csv", list(SCHEMES[0]), SCHEMES),
        ("nevnere.csv", ["aar", "fylkesnummer", "nevner", "verdi", "telledato", "status", "kilde_id"],
         denominators(fte)),
        ("nasjonale_rammer.csv", ["aar", "ordning_id", "belop", "status", "kilde_id", "merknad"], nat),
        ("tildelinger.csv", grant_fields, frames + grant_rows),
        ("dekning_kilder.csv", ["ordning_id", "niva", "kilde_tekst", "kilde_id"],
         sorted(COVERAGE_SOURCES, key=lambda r: (r["ordning_id"], LEVELS.index(r["niva"])))),
        ("rapportering.csv", ["aar", "ordning_id", "fylkesnummer", "mottaker_orgnr", "mottaker_navn", "brukt_belop",
                              "egenandel", "deltakere", "partnere", "rapportert_dato", "status", "kilde_id"],
         reports(grant_rows)),
    ]


def public(files: list[tuple[str, list[str], list[dict[str, object]]]]) -> list[tuple[str, list[str], list[dict[str, object]]]]:
    """The files without illustrative rows, and without the example or secondary sources that no row cites."""
    kept = [(name, fields, [r for r in rows if r.get("status") != EXAMPLE]) for name, fields, rows in files]
    cited = {str(r.get("kilde_id")) for name, _, rows in kept if name != "kilder.csv" for r in rows}
    cited |= {r["kilde_id"] for name in ACCOUNTS if (HERE / name).exists() for r in read_here(name)}
    dropped = (EXAMPLE, "sekundær")
    return [(name, fields, [r for r in rows if name != "kilder.csv" or r["type"] not in dropped
                            or r["kilde_id"] in cited])
            for name, fields, rows in kept]


def demo_descriptor() -> str:
    """examples/demo/datapackage.json: the contract of data/ with the demo's name and title, declared x-demo."""
    package = json.loads((HERE / "datapackage.json").read_text(encoding="utf-8"))
    for key in ("x-upstream", "x-scripts"):
        package.pop(key, None)  # the demo holds only generated files
    demo = {"name": "kompetanseinnsyn-demo", "title": "Kompetanseinnsyn – DEMO (oppdiktede tall, ikke offisielle)",
            "x-demo": True,
            "description": "Demonstrasjonspakke laget av data/make_example.py: de offisielle og beregnede radene i "
                           "data/ pluss et oppdiktet rutenett av eksempeltall (status eksempel). Ikke offisielle tall."}
    ordered = {**{k: package[k] for k in ("name", "title")}, **demo, **package}
    ordered.update(demo)
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Write every resource file of data/ (offisiell and beregnet rows only) and of the demo package."""
    files = resources(counties())
    for name, fields, rows in public(files):
        write(name, fields, rows)
    DEMO.mkdir(parents=True, exist_ok=True)
    for name, fields, rows in files:
        write(name, fields, rows, DEMO)
    for name in ACCOUNTS:
        shutil.copyfile(HERE / name, DEMO / name)
    shutil.copyfile(HERE / "endringslogg.csv", DEMO / "endringslogg.csv")
    (DEMO / "datapackage.json").write_text(demo_descriptor(), encoding="utf-8")


if __name__ == "__main__":
    main()
