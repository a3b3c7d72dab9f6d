"""Khmer texts with their line breaks marked by hand, written from everyday Khmer usage.

Marks, in each text:
- ``|``  a line may start here (between two words);
- ``~``  a doubtful joint: inside a compound a careful typesetter might or might not break
  (កិច្ច~ប្រជុំ); either answer is accepted;
- ``_``  a space that must not break (a date, a number and its unit, a title and a name);
- a plain space may break; anywhere else a line must not start.

The names used are in the bundled names list (assets/khmer/names.txt): a name the lists do not
know is only kept together when it is a person of the deck (tested separately).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Marked:
    """A hand-marked text: the plain text and where a line may, may not, or may perhaps start."""

    source: str
    text: str
    allowed: frozenset[int]    # a line may start here (after a breakable space or at a |)
    doubtful: frozenset[int]
    kept_spaces: frozenset[int]  # offsets of spaces that must not break

    @classmethod
    def parse(cls, source: str) -> Marked:
        text: list[str] = []
        allowed: set[int] = set()
        doubtful: set[int] = set()
        kept: set[int] = set()
        for char in source:
            if char == "|":
                allowed.add(len(text))
            elif char == "~":
                doubtful.add(len(text))
            elif char == "_":
                kept.add(len(text))
                text.append(" ")
            else:
                if char == " ":
                    allowed.add(len(text) + 1)
                text.append(char)
        return cls(source, "".join(text), frozenset(allowed), frozenset(doubtful), frozenset(kept))


CORPUS: dict[str, list[str]] = {
    "names with titles": [
        "លោក_ហេង_សុខា បាន|ចូលរួម|ក្នុង|កិច្ច~ប្រជុំ|នេះ។",         # Mr Heng Sokha attended this meeting.
        "លោកស្រី_ចាន់_ដារា ជា|គ្រូ~បង្រៀន។",                       # Mrs Chan Dara is a teacher.
        "ឯកឧត្តម_សុខ_ចាន់ បាន|ថ្លែង|សុន្ទរកថា។",                    # H.E. Sok Chan gave a speech.
        "អ្នកស្រី_សុភាព ជា|ប្រធាន|សហគមន៍។",                        # Ms Sophea is the community leader.
        "សូម|ស្វាគមន៍ ឯកឧត្តម_កែវ_រតនា",                            # Welcome, H.E. Keo Rattana
    ],
    "ជា + noun": [
        "គាត់|ជា|មន្ត្រី~រាជការ។",                                  # He is a civil servant.
        "នាង|ជា|សាស្ត្រាចារ្យ|នៅ|សាកល~វិទ្យាល័យ។",                # She is a professor at the university.
        "លោក|ជា|នាយក~សាលា។",                                        # He is the head teacher.
        "គាត់|ធ្លាប់|ជា|នាយករង|របស់|អង្គការ|នេះ។",                  # He was this organisation's deputy director.
    ],
    "both spellings of subscript ta": [
        "សន្និសីទ|ស្ដីពី|សិទ្ធិ~កុមារ",                             # a conference on children's rights (្ដ)
        "សន្និសីទ|ស្តីពី|សិទ្ធិ~កុមារ",                             # the same, spelt with ្ត
        "ប្រទេស~កម្ពុជា|ប្ដេជ្ញា|ការពារ|បរិស្ថាន។",                # Cambodia pledges to protect the environment.
        "ប្រទេស~កម្ពុជា|ប្តេជ្ញា|ការពារ|បរិស្ថាន។",
        "សាលាក្ដី~ខ្មែរក្រហម",                                       # the Khmer Rouge tribunal (្ដ)
        "សាលាក្តី~ខ្មែរក្រហម",
        "មន្ដ្រី|សុខាភិបាល",                                         # a health official (្ដ)
        "ការ|ប្តេជ្ញាចិត្ត|ចំពោះ|សហគមន៍",                           # commitment to the community
    ],
    "compounds": [
        "យើង|ទទួលបាន|ព័ត៌មាន|ថ្មី។",                                # We received new information.
        "សហគមន៍|ក្នុងស្រុក|ទទួលបាន|ផលប្រយោជន៍|ពី|គម្រោង|នេះ។",   # The local community benefits from this project.
        "ពលរដ្ឋ|ទាំង~អស់|មាន|សិទ្ធិ|ស្មើភាពគ្នា|នៅ~ចំពោះ~មុខ|ច្បាប់។",  # All citizens have equal rights before the law.
        "ការ~ប្រជុំ|នេះ|សំខាន់~ណាស់។",                               # This meeting is very important.
        "ក្រុម|យុវជន|រួមទាំង|និស្សិត",                                # youth groups, students included
        "តើ|អ្នក|សុខសប្បាយ|ទេ?",                                      # How are you?
    ],
    "ៗ and punctuation": [
        "ក្មេងៗ|លេង|នៅ|ទី~លាន|ផ្សេងៗ។",                              # Children play in all sorts of places.
        "មាន|បញ្ហា|ផ្សេង_ៗ ជា~ច្រើន។",                               # There are many different problems.
        "គាត់|និយាយ|ថា៖ «ខ្ញុំ|មិន~ដឹង|ទេ»។",                          # He said: "I don't know."
        "កាលបរិច្ឆេទ|សំខាន់ៗ",                                        # Key dates
        "ហេតុអ្វី_?",                                                  # Why ? (a space before ?)
    ],
    "dates": [
        "នៅ|ថ្ងៃទី១៥_ខែមករា_ឆ្នាំ២០២៤",                               # on 15 January 2024
        "ថ្ងៃច័ន្ទ_ទី៣_ខែកុម្ភៈ_ឆ្នាំ២០២៥",                             # Monday 3 February 2025
        "ថ្ងៃទី_៧_មិថុនា_២០១២",
        "២៨_មករា_២០១៣",
        "ក្រសួង~មហាផ្ទៃ ថ្ងៃទី២៨_មករា_២០១៣",
        "ពី|ឆ្នាំ២០០៨ ដល់|ឆ្នាំ២០១២",                                  # from 2008 to 2012
        "MIRO was founded on 7_June_2012.",
        "It was recognised on June_7,_2012.",
        "On 28_January_2013 the ministry agreed.",
    ],
    "numbers with units": [
        "សូម|រង់ចាំ ១០_វិនាទី",                                        # Please wait 10 seconds
        "ត្រឡប់|ទៅ|ទំព័រ~ដើម|ក្នុង {seconds}_វិនាទី",                  # Back to the start in {seconds} seconds
        "មាន|សិស្ស ២៥_នាក់ នៅ~ក្នុង|ថ្នាក់។",                          # There are 25 pupils in the class.
        "តម្លៃ ៥០០០_រៀល",                                               # The price is 5000 riels.
        "ចាប់~ផ្ដើម|នៅ|ម៉ោង_៨_ព្រឹក។",                                 # It starts at 8 in the morning.
        "Back to the start in {seconds}_seconds",
        "The office is 3_km from the market.",
        "Slide 11_/_14",
    ],
    "Latin acronyms inside Khmer": [
        "អង្គការ|សហ~ប្រជាជាតិ (UN) បាន|ជួយ|កម្ពុជា។",                  # The United Nations (UN) helped Cambodia.
        "គាត់|ធ្វើការ|ឱ្យ ACTED-PSF នៅ|ភ្នំពេញ។",                     # He works for ACTED-PSF in Phnom Penh.
        "គណៈកម្មាធិការ|សិទ្ធិ~មនុស្ស (CHRAC)។",
    ],
}


def corpus() -> list[tuple[str, Marked]]:
    return [(topic, Marked.parse(text)) for topic, texts in CORPUS.items() for text in texts]
