// Importing the files a person chose or dropped at once, whatever their formats: each is
// recognised by its content first, then its name (vCard, CSV from Google, LinkedIn or anywhere,
// the X archive's .js files, which are imported together). Backups are recognised but not
// imported here: they are merged record by record (backup.hpp, plan_merge).
#pragma once

#include "io/import.hpp"
#include "io/x_archive.hpp"

#include <string_view>
#include <vector>

namespace ties::io {

enum class ImportKind { VCard, Csv, XArchive, Backup, Unknown };

ImportKind detect_import(std::string_view name, std::string_view bytes);

// Every file's contacts and interactions together; an unreadable file is a warning when others
// could be read, the error when none could. Progress runs over all the files by size.
Imported import_files(const std::vector<NamedFile>& files, const ImportContext& context);

}  // namespace ties::io
