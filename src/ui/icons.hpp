// Icon glyphs from Fork Awesome (Debian's fonts-fork-awesome), merged into the UI font.
// CMakeLists.txt reads the \uXXXX escapes below to subset the icon font: add an icon here and
// it is in the next build.
#pragma once

namespace ties::icons {

inline constexpr const char* kToday = "\uf274";          // calendar-check-o
inline constexpr const char* kContacts = "\uf0c0";       // users
inline constexpr const char* kTimeline = "\uf1da";       // history
inline constexpr const char* kEvents = "\uf2b5";         // handshake-o
inline constexpr const char* kOpportunities = "\uf0b1";  // briefcase
inline constexpr const char* kInsights = "\uf080";       // bar-chart
inline constexpr const char* kSettings = "\uf013";       // cog
inline constexpr const char* kSearch = "\uf002";         // search
inline constexpr const char* kDark = "\uf186";           // moon-o
inline constexpr const char* kLight = "\uf185";          // sun-o
inline constexpr const char* kSystem = "\uf108";         // desktop
inline constexpr const char* kInfo = "\uf05a";           // info-circle
inline constexpr const char* kWarning = "\uf071";        // exclamation-triangle
inline constexpr const char* kReturn = "\uf149";         // level-down
inline constexpr const char* kLock = "\uf023";           // lock
inline constexpr const char* kCheck = "\uf00c";          // check
inline constexpr const char* kSync = "\uf021";           // refresh
inline constexpr const char* kUndo = "\uf0e2";           // undo (rotate-left)
inline constexpr const char* kRedo = "\uf01e";           // repeat (rotate-right)

}  // namespace ties::icons
