// Text that cannot disguise itself. Names and notes arrive from files anyone can write (a vCard
// someone sent, a CSV, a backup) and from the clipboard. Characters that draw nothing or reorder
// what is drawn could make "Ada Lovelace" and "Ada\u200B Lovelace" two people who look like one,
// hide a word (a right-to-left override shows "evil.exe" as "exe.live"; a NUL cuts a line short
// where other programs do not), or ride along into the CSV a spreadsheet opens. They are removed
// where text enters: imports, backups merged in, and what is typed or pasted into a form.
//
// Removed: C0 and C1 controls (a note keeps its line breaks and tabs), DEL, the bidirectional
// embeddings, overrides, isolates and marks, zero-width spaces, word joiners, byte-order marks,
// soft hyphens, invisible operators, Hangul fillers and tag characters. In one-line fields unusual
// spaces become a plain space (notes keep them: French typography puts one before a colon).
// Kept: zero-width joiners and non-joiners between two non-ASCII letters, where they belong
// (emoji sequences such as 👩‍💻, Persian and Indic scripts).
#pragma once

#include "core/model.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace ties {

// A code point that draws nothing or only changes how its neighbours are drawn (the joiners
// included, whatever their neighbours): search and name matching ignore these.
bool is_hidden_format(char32_t c);
// A space other than ASCII's: no-break, en, em, thin, ideographic, ...
bool is_unicode_space(char32_t c);

// One-line text (a name, a company, an address): line breaks and tabs become spaces.
std::string clean_line(std::string_view text);
// Text of several lines (notes): line breaks ("\r\n" and "\r" become "\n") and tabs are kept.
std::string clean_block(std::string_view text);

// Cleans every text field of the record in place; returns how many fields had something removed
// (line ends and spaces made plain do not count: they hide nothing).
std::size_t clean_text_of(Contact& contact);
std::size_t clean_text_of(Interaction& interaction);
std::size_t clean_text_of(Event& event);
std::size_t clean_text_of(Opportunity& opportunity);

}  // namespace ties
