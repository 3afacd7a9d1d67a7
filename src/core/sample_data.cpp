// Sample data: a believable network so the app can be explored (and benchmarked) without typing
// in real people. Everything comes from one std::mt19937_64 and our own small helpers on top of it
// (not <random>'s distributions, whose algorithms differ between libstdc++ and libc++), so a seed
// gives the same records natively and in the browser.
// Sections, in order (search for "// --- "): Vocabulary · Helpers.
#include "core/sample_data.hpp"

#include "core/search.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace ties {
namespace {

// --- Vocabulary ------------------------------------------------------------------------------------
// Names are "native|latin|nickname": latin (for emails and handles) is derived from the native
// spelling when empty; nickname is optional. Surnames are "masculine/feminine" when they differ.
// Within a culture no two given names are one edit apart, so the sample holds no near-miss names.

constexpr std::string_view kEnglishMale[] = {"Alan", "Charles||Charlie", "Edward||Ted", "Oliver", "Harry", "Thomas",
                                             "George", "Samuel", "Patrick", "Declan", "Noah", "Ethan", "Owen", "Callum"};
constexpr std::string_view kEnglishFemale[] = {"Ada", "Grace", "Margaret||Maggie", "Emily", "Charlotte", "Hannah",
                                               "Sophie", "Niamh", "Siobhán", "Ruth", "Alice", "Eleanor", "Frances",
                                               "Imogen"};
constexpr std::string_view kEnglishFamily[] = {"Lovelace", "Hopper", "Turing", "Babbage", "Clarke", "Whitfield",
                                               "O'Brien", "Murphy", "Fletcher", "Hughes", "Baxter", "Lambert",
                                               "Ashworth", "Kavanagh"};

constexpr std::string_view kNordicMale[] = {"Søren", "Bjørn", "Anders", "Magnus", "Henrik", "Lars", "Øystein",
                                            "Jónas", "Nils", "Erik", "Gunnar", "Torbjörn", "Halvard", "Sindre"};
constexpr std::string_view kNordicFemale[] = {"Åsa", "Ingrid", "Sigrid", "Freja", "Linnéa", "Maja", "Astrid",
                                              "Ylva", "Solveig", "Hildur", "Katrín", "Märta", "Tove", "Liv"};
constexpr std::string_view kNordicFamily[] = {"Lindqvist", "Ødegaard", "Nyström", "Andersen", "Johansson",
                                              "Bergström", "Haugen", "Halvorsen", "Åberg", "Sørensen", "Lundgren",
                                              "Dahl", "Holm", "Kierkegaard"};

constexpr std::string_view kPolishMale[] = {"Łukasz", "Piotr", "Tomasz", "Michał", "Krzysztof||Krzyś", "Paweł",
                                            "Grzegorz", "Jakub", "Wojciech||Wojtek", "Marek", "Andrzej", "Kamil"};
constexpr std::string_view kPolishFemale[] = {"Małgorzata||Gosia", "Zofia", "Agnieszka", "Katarzyna||Kasia",
                                              "Joanna", "Ewa", "Magdalena", "Aleksandra||Ola", "Beata", "Dorota",
                                              "Justyna", "Urszula"};
constexpr std::string_view kPolishFamily[] = {"Nowak", "Wójcik", "Kowalczyk", "Woźniak", "Mazur", "Krawczyk",
                                              "Zając", "Król", "Wróbel", "Pawlak", "Michalak", "Sikora"};

constexpr std::string_view kSpanishMale[] = {"José||Pepe", "Álvaro", "Javier", "Sergio", "Andrés", "Joaquín", "Raúl",
                                             "Íñigo", "Mateo", "Diego", "Rodrigo", "Ignacio||Nacho"};
constexpr std::string_view kSpanishFemale[] = {"Ana María", "Lucía", "María José", "Carmen", "Pilar", "Inés",
                                               "Beatriz", "Rocío", "Montserrat", "Elena", "Paula", "Nuria"};
constexpr std::string_view kSpanishFamily[] = {"García", "Muñoz", "Fernández", "Núñez", "Rodríguez", "Pérez",
                                               "Sánchez", "Jiménez", "Ortega", "Castillo", "Vázquez", "Iglesias"};

constexpr std::string_view kFrenchMale[] = {"François", "Jérôme", "Benoît", "Théo", "Hugo", "Lucas",
                                            "Gaël", "Rémi", "Noël", "Antoine", "Étienne", "Mathis"};
constexpr std::string_view kFrenchFemale[] = {"Zoë", "Chloé", "Amélie", "Béatrice", "Hélène", "Léa",
                                              "Manon", "Camille", "Océane", "Maëlle", "Sylvie", "Anaïs"};
constexpr std::string_view kFrenchFamily[] = {"Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau",
                                              "Mercier", "Lemaître", "Bonnet", "Chevalier", "Fauré", "Dupont"};

constexpr std::string_view kGermanMale[] = {"Jürgen", "Jörg", "Matthias||Matze", "Florian", "Stefan", "Tobias",
                                            "Maximilian||Max", "Dominik", "Sebastian||Basti", "Felix", "Moritz",
                                            "Konrad"};
constexpr std::string_view kGermanFemale[] = {"Käthe", "Anja", "Julia", "Sabine", "Ursula", "Lena",
                                              "Birgit", "Franziska||Franzi", "Annika", "Greta", "Mareike", "Henrike"};
constexpr std::string_view kGermanFamily[] = {"Müller", "Schäfer", "Groß", "Weiß", "Köhler", "Schröder",
                                              "Hoffmann", "Becker", "Wagner", "Krüger", "Böhm", "Vogel"};

constexpr std::string_view kTurkishMale[] = {"Emre", "Burak", "Oğuz", "Barış", "Mehmet",
                                             "Can", "Serkan", "Tolga", "Uğur", "Kerem"};
constexpr std::string_view kTurkishFemale[] = {"Elif", "Zeynep", "Ayşe", "Gülşen", "Defne",
                                               "Selin", "Özge", "Ebru", "İpek", "Nazlı"};
constexpr std::string_view kTurkishFamily[] = {"Yılmaz", "Çelik", "Şahin", "Öztürk", "Aydın",
                                               "Doğan", "Kaya", "Arslan", "Koç", "Güneş"};

constexpr std::string_view kGreekMale[] = {
    "Δημήτρης|dimitris|Μήτσος", "Γιώργος|giorgos", "Νίκος|nikos", "Κώστας|kostas", "Γιάννης|giannis",
    "Αλέξανδρος|alexandros|Alex", "Σπύρος|spyros", "Θανάσης|thanasis", "Παναγιώτης|panagiotis",
    "Στέφανος|stefanos"};
constexpr std::string_view kGreekFemale[] = {
    "Μαρία|maria", "Ελένη|eleni", "Κατερίνα|katerina", "Σοφία|sofia", "Δήμητρα|dimitra",
    "Αθηνά|athina", "Ιωάννα|ioanna", "Χριστίνα|christina", "Βασιλική|vasiliki", "Ευαγγελία|evangelia"};
constexpr std::string_view kGreekFamily[] = {
    "Παπαδόπουλος|papadopoulos/Παπαδοπούλου|papadopoulou", "Οικονόμου|oikonomou", "Γεωργίου|georgiou",
    "Νικολάου|nikolaou", "Ιωάννου|ioannou", "Βασιλείου|vasileiou", "Παπαδάκης|papadakis/Παπαδάκη|papadaki",
    "Αντωνίου|antoniou", "Καραγιάννης|karagiannis/Καραγιάννη|karagianni", "Μακρής|makris/Μακρή|makri"};

constexpr std::string_view kCyrillicMale[] = {
    "Иван|ivan", "Дмитрий|dmitry|Дима", "Алексей|alexei", "Сергей|sergei", "Андрей|andrei", "Михаил|mikhail",
    "Пётр|pyotr", "Олег|oleg", "Николай|nikolai|Коля", "Тарас|taras", "Богдан|bogdan", "Юрий|yuri"};
constexpr std::string_view kCyrillicFemale[] = {
    "Анна|anna", "Мария|mariya", "Ольга|olga", "Елена|yelena", "Татьяна|tatiana", "Наталья|natalia|Наташа",
    "Юлия|yulia", "Светлана|svetlana|Света", "Оксана|oksana", "Ирина|irina", "Дарья|daria", "Ксения|ksenia"};
constexpr std::string_view kCyrillicFamily[] = {
    "Иванов|ivanov/Иванова|ivanova", "Смирнов|smirnov/Смирнова|smirnova", "Кузнецов|kuznetsov/Кузнецова|kuznetsova",
    "Попов|popov/Попова|popova", "Соколов|sokolov/Соколова|sokolova", "Лебедев|lebedev/Лебедева|lebedeva",
    "Королёв|korolev/Королёва|koroleva", "Шевченко|shevchenko", "Бондаренко|bondarenko", "Ковальчук|kovalchuk",
    "Морозов|morozov/Морозова|morozova", "Волков|volkov/Волкова|volkova"};

constexpr std::string_view kJapaneseMale[] = {"Haruto", "Kenji", "Takumi", "Ren", "Sota", "Daichi"};
constexpr std::string_view kJapaneseFemale[] = {"Aiko", "Yui", "Sakura", "Hina", "Mei", "Natsuki"};
constexpr std::string_view kJapaneseFamily[] = {"Tanaka", "Sato", "Suzuki", "Takahashi",
                                                "Watanabe", "Yamamoto", "Nakamura", "Kobayashi"};

constexpr std::string_view kIndianMale[] = {"Arjun", "Rohan", "Vikram", "Aditya", "Rahul", "Karthik"};
constexpr std::string_view kIndianFemale[] = {"Priya", "Ananya", "Kavya", "Meera", "Divya", "Sneha"};
constexpr std::string_view kIndianFamily[] = {"Sharma", "Patel", "Iyer", "Reddy", "Nair", "Gupta", "Mehta", "Banerjee"};

constexpr std::string_view kAfricanMale[] = {"Chidi", "Emeka", "Kwame", "Tunde", "Kofi", "Obinna"};
constexpr std::string_view kAfricanFemale[] = {"Ngozi", "Amara", "Adaeze", "Chioma", "Ama", "Efua"};
constexpr std::string_view kAfricanFamily[] = {"Okafor", "Adeyemi", "Mensah", "Okonkwo",
                                               "Balogun", "Asante", "Nwosu", "Boateng"};

constexpr std::string_view kChineseMale[] = {"Wei", "Jun", "Hao", "Zhiqiang", "Bo"};
constexpr std::string_view kChineseFemale[] = {"Xiuying", "Ling", "Yan", "Fang", "Meihua"};
constexpr std::string_view kChineseFamily[] = {"Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Zhao", "Zhou"};

// "City|region|country|dialling code", grouped by the culture that lives there most.
constexpr std::string_view kCities[] = {
    "London|England|United Kingdom|+44", "Manchester|England|United Kingdom|+44", "Edinburgh|Scotland|United Kingdom|+44",
    "Dublin|Leinster|Ireland|+353", "New York|New York|United States|+1", "San Francisco|California|United States|+1",
    "Toronto|Ontario|Canada|+1",                                                                           // 0-6
    "Copenhagen|Capital Region|Denmark|+45", "Oslo|Oslo|Norway|+47", "Stockholm|Stockholm|Sweden|+46",
    "Malmö|Skåne|Sweden|+46", "Reykjavík|Capital Region|Iceland|+354", "Ålesund|Møre og Romsdal|Norway|+47",  // 7-12
    "Kraków|Lesser Poland|Poland|+48", "Warsaw|Masovia|Poland|+48", "Wrocław|Lower Silesia|Poland|+48",
    "Gdańsk|Pomerania|Poland|+48",                                                                         // 13-16
    "Madrid|Madrid|Spain|+34", "Barcelona|Catalonia|Spain|+34", "Sevilla|Andalucía|Spain|+34",
    "Buenos Aires|Buenos Aires|Argentina|+54", "Ciudad de México|CDMX|Mexico|+52", "Bogotá|Bogotá|Colombia|+57",  // 17-22
    "Paris|Île-de-France|France|+33", "Lyon|Auvergne-Rhône-Alpes|France|+33", "Montréal|Québec|Canada|+1",
    "Brussels|Brussels|Belgium|+32", "Genève|Geneva|Switzerland|+41",                                      // 23-27
    "Berlin|Berlin|Germany|+49", "München|Bavaria|Germany|+49", "Hamburg|Hamburg|Germany|+49",
    "Wien|Vienna|Austria|+43", "Zürich|Zürich|Switzerland|+41", "Köln|North Rhine-Westphalia|Germany|+49",  // 28-33
    "İstanbul|İstanbul|Türkiye|+90", "Ankara|Ankara|Türkiye|+90", "İzmir|İzmir|Türkiye|+90",                 // 34-36
    "Athens|Attica|Greece|+30", "Thessaloniki|Central Macedonia|Greece|+30", "Heraklion|Crete|Greece|+30",  // 37-39
    "Kyiv|Kyiv|Ukraine|+380", "Lviv|Lviv Oblast|Ukraine|+380", "Riga|Riga|Latvia|+371",
    "Almaty|Almaty|Kazakhstan|+7",                                                                          // 40-43
    "Tokyo|Tokyo|Japan|+81", "Osaka|Osaka|Japan|+81", "Kyoto|Kyoto|Japan|+81",                             // 44-46
    "Bengaluru|Karnataka|India|+91", "Mumbai|Maharashtra|India|+91", "Pune|Maharashtra|India|+91",
    "Hyderabad|Telangana|India|+91",                                                                        // 47-50
    "Lagos|Lagos|Nigeria|+234", "Accra|Greater Accra|Ghana|+233", "Nairobi|Nairobi|Kenya|+254",             // 51-53
    "Shanghai|Shanghai|China|+86", "Shenzhen|Guangdong|China|+86", "Singapore|Singapore|Singapore|+65",
    "Taipei|Taipei|Taiwan|+886",                                                                            // 54-57
    "Amsterdam|North Holland|Netherlands|+31", "Lisbon|Lisbon|Portugal|+351",                              // 58-59
};

struct Culture {
    std::span<const std::string_view> male, female, family;
    std::size_t city_begin, city_end;  // in kCities
    double weight;
};

const Culture kCultures[] = {
    {kEnglishMale, kEnglishFemale, kEnglishFamily, 0, 7, 16},
    {kNordicMale, kNordicFemale, kNordicFamily, 7, 13, 8},
    {kPolishMale, kPolishFemale, kPolishFamily, 13, 17, 7},
    {kSpanishMale, kSpanishFemale, kSpanishFamily, 17, 23, 10},
    {kFrenchMale, kFrenchFemale, kFrenchFamily, 23, 28, 9},
    {kGermanMale, kGermanFemale, kGermanFamily, 28, 34, 10},
    {kTurkishMale, kTurkishFemale, kTurkishFamily, 34, 37, 5},
    {kGreekMale, kGreekFemale, kGreekFamily, 37, 40, 7},
    {kCyrillicMale, kCyrillicFemale, kCyrillicFamily, 40, 44, 9},
    {kJapaneseMale, kJapaneseFemale, kJapaneseFamily, 44, 47, 5},
    {kIndianMale, kIndianFemale, kIndianFamily, 47, 51, 6},
    {kAfricanMale, kAfricanFemale, kAfricanFamily, 51, 54, 4},
    {kChineseMale, kChineseFemale, kChineseFamily, 54, 58, 4},
};
constexpr std::size_t kGreek = 7, kCyrillic = 8;

constexpr std::string_view kBridgeCompany = "Tern & Tide Studio";  // not in kCompanies: nobody else works there
constexpr std::string_view kCompanies[] = {
    "Analytical Engines Ltd", "Northwind Traders", "Fjord Robotics", "Kettle & Crane", "Blue Heron Labs",
    "Oxide & Ore", "Lumen Studio", "Papier & Co", "Helios Capital", "Atlas Ventures", "Polar Analytics",
    "Müller Design Büro", "Søndergaard Arkitekter", "Małe Studio", "Ωμέγα Συστήματα", "Северный Код",
    "Café Lumière", "Tidewater Health", "Quill & Ink Publishing", "Brightline Rail", "Cobalt Cloud",
    "Greenleaf Foods", "Harbor Bank", "Meridian Consulting", "Nimbus Games", "Orbital Dynamics", "Pixel Forge",
    "Redwood Legal", "Saffron Kitchen", "Terra Solar", "Umbra Security", "Vela Biotech", "Willow School",
    "Zenith Media", "Ferrite Systems", "Basalt Data", "Kitsune Apps", "Marigold Events", "Sakura Robotics",
    "Baobab Fintech", "Jade River Trading"};

constexpr std::string_view kTitles[] = {
    "Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "CTO", "CEO",
    "Founder", "Product Manager", "Product Designer", "UX Researcher", "Data Scientist", "Developer Advocate",
    "Partner", "Journalist", "Professor", "PhD Student", "Recruiter", "Marketing Lead", "Architect",
    "Consultant", "Community Manager", "Head of Sales"};

constexpr std::string_view kTags[] = {"rust", "cpp", "conference", "berlin", "design", "investor", "mentor",
                                      "former colleague", "friend", "open source", "hiring", "podcast",
                                      "climbing", "board games", "neighbour", "family", "speaker", "client"};

constexpr std::string_view kHowMet[] = {
    "Hallway track at a conference", "Introduced by a friend", "We worked together", "University",
    "Neighbours", "Online, after a podcast episode", "Coworking space", "Climbing gym", "Open source project",
    "Sat next to each other on a train", "Friend of a friend's birthday party", "Hackathon team"};

constexpr std::string_view kContactNotes[] = {
    "Prefers Signal over email.", "Two kids; loves sailing.", "Vegetarian. Great restaurant tips.",
    "Writes a newsletter on compilers.", "Moving to Lisbon next year.", "Ask about the marathon training.",
    "Knows everyone in the Berlin design scene.", "Looking for a co-founder.", "Plays the cello.",
    "Always up for a board game night."};

constexpr std::string_view kInteractionNotes[] = {
    "Talked about their new role and the team they are building.", "Caught up on the family and travel plans.",
    "Shared notes on the talk; they want feedback on the slides.", "Discussed a possible collaboration.",
    "They asked for an intro to someone in hiring.", "Long chat about Rust in embedded systems.",
    "Swapped book recommendations.", "Went through their pitch deck together.",
    "Quick check-in; all good.", "Helped debug a build problem.", "Talked about moving cities.",
    "Planning a meetup together in spring."};

constexpr std::string_view kFollowUps[] = {
    "Send the article we talked about", "Introduce to a recruiter", "Share the slides", "Book a follow-up call",
    "Send a birthday message", "Review their draft", "Ask how the interview went", "Return the book"};

constexpr std::string_view kConferences[] = {"RustConf", "EuroRust", "NDC Oslo", "Web Summit", "JSConf EU",
                                             "PyCon DE", "Config", "FOSDEM", "DevOpsDays", "Smashing Conference"};
constexpr std::string_view kMeetups[] = {"Rust Berlin", "Design Systems London", "Kraków JS", "Athens Startup Grind",
                                         "C++ User Group München", "Kyiv Product Club", "Paris Women in Tech",
                                         "Copenhagen Coffee & Code"};
constexpr std::string_view kVenues[] = {"Café Kranzler", "The Old Fountain", "Kaffebar Nørrebro", "Bar Central",
                                        "Factory Görlitzer Park", "Station F", "Impact Hub", "Public library"};
constexpr std::string_view kOtherEvents[] = {"Alumni dinner", "Hackathon", "Book launch", "Summer barbecue",
                                             "Design workshop", "Founders breakfast"};

// --- Helpers ---------------------------------------------------------------------------------------

class Random {
public:
    explicit Random(std::uint64_t seed) : engine_(seed) {}

    std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(engine_() % n); }
    int between(int low, int high) { return low + static_cast<int>(below(static_cast<std::size_t>(high - low + 1))); }
    double unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    template <typename T>
    const T& pick(std::span<const T> items) { return items[below(items.size())]; }
    template <typename T, std::size_t N>
    const T& pick(const T (&items)[N]) { return items[below(N)]; }
    // An index with probability proportional to its weight.
    std::size_t weighted(std::span<const double> weights) {
        double total = 0;
        for (const double w : weights) total += w;
        double x = unit() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }

private:
    std::mt19937_64 engine_;
};

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    while (true) {
        const std::size_t at = text.find(separator);
        parts.push_back(text.substr(0, at));
        if (at == std::string_view::npos) return parts;
        text.remove_prefix(at + 1);
    }
}

std::string_view part(std::string_view text, char separator, std::size_t index) {
    const std::vector<std::string_view> parts = split(text, separator);
    return index < parts.size() ? parts[index] : std::string_view();
}

// Lowercase ASCII letters and digits only: "Ana María" -> "anamaria".
std::string ascii_slug(std::string_view text) {
    std::string slug;
    for (const char c : fold_for_search(text)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) slug.push_back(c);
    }
    return slug;
}

struct Person {
    std::string native, latin, nickname;
};

Person given_name(std::string_view entry) {
    Person p;
    p.native = std::string(part(entry, '|', 0));
    p.latin = std::string(part(entry, '|', 1));
    if (p.latin.empty()) p.latin = ascii_slug(p.native);
    p.nickname = std::string(part(entry, '|', 2));
    return p;
}

Person family_name(std::string_view entry, bool female) {
    const std::vector<std::string_view> forms = split(entry, '/');
    const std::string_view form = (female && forms.size() > 1) ? forms[1] : forms[0];
    Person p;
    p.native = std::string(part(form, '|', 0));
    p.latin = std::string(part(form, '|', 1));
    if (p.latin.empty()) p.latin = ascii_slug(p.native);
    return p;
}

// The first code point of a UTF-8 string.
std::string_view first_letter(std::string_view text) {
    std::size_t length = 1;
    while (length < text.size() && (static_cast<unsigned char>(text[length]) & 0xC0) == 0x80) ++length;
    return text.substr(0, std::min(length, text.size()));
}

// `base`, then base2, base3, ... (bases are letters and dots only, so these never collide).
std::string unique(std::unordered_map<std::string, int>& used, const std::string& base) {
    const int n = ++used[base];
    return n == 1 ? base : base + std::to_string(n);
}

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr Millis kDay = 24 * kHour;

Date days_before(Date today, int days) { return Date{today.days - days}; }

// Record times: created at `created` (never after now), updated later for some.
RecordMeta meta_for(Id id, Millis created, Millis now, Random& rng) {
    created = std::min(created, now);
    Millis updated = created;
    if (rng.chance(0.4)) updated = created + static_cast<Millis>(rng.unit() * static_cast<double>(now - created));
    return RecordMeta{id, created, updated, false};
}

// Distinct contacts, `count` of them (fewer if there are not enough), drawn by `weights`.
std::vector<Id> pick_people(Random& rng, const std::vector<Id>& people, std::span<const double> weights,
                            std::size_t count) {
    std::vector<Id> chosen;
    count = std::min(count, people.size());
    for (int attempt = 0; chosen.size() < count && attempt < 50; ++attempt) {
        const Id id = people[weights.empty() ? rng.below(people.size()) : rng.weighted(weights)];
        if (std::find(chosen.begin(), chosen.end(), id) == chosen.end()) chosen.push_back(id);
    }
    return chosen;
}

// Cumulative-weight picking for many draws (interactions at 100,000 contacts).
class WeightedPicker {
public:
    explicit WeightedPicker(const std::vector<double>& weights) {
        cumulative_.reserve(weights.size());
        double total = 0;
        for (const double w : weights) cumulative_.push_back(total += w);
    }
    std::size_t pick(Random& rng) const {
        const double x = rng.unit() * cumulative_.back();
        const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
        return std::min(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
    }

private:
    std::vector<double> cumulative_;
};

}  // namespace

Change make_sample_data(std::uint64_t seed, Millis now, Date today, SampleSize size) {
    Random rng(seed);
    IdGenerator ids(seed, seed ^ 0x5EED5A3D1C9B8F6Dull);
    Change change;
    change.label = "Add sample data";
    change.records.reserve(size.contacts + size.interactions + size.events + size.opportunities);

    // --- Events first (without attendees), so contacts can have met at one. ---
    std::vector<Event> events(size.events);
    for (std::size_t e = 0; e < events.size(); ++e) {
        Event& event = events[e];
        event.date = days_before(today, rng.between(3, 700));
        event.meta = meta_for(ids.next(), midnight_utc(event.date) - rng.between(1, 30) * kDay, now, rng);
        event.kind = e < 4 ? static_cast<EventKind>(e) : static_cast<EventKind>(rng.weighted(std::array{1.0, 3.0, 2.0, 1.0}));
        const std::string_view city = part(rng.pick(kCities), '|', 0);
        switch (event.kind) {
            case EventKind::Conference:
                event.name = std::string(rng.pick(kConferences)) + " " + std::to_string(event.date.year());
                event.place = std::string(city) + " Congress Centre";
                break;
            case EventKind::Meetup:
                event.name = std::string(rng.pick(kMeetups)) + " Meetup #" + std::to_string(rng.between(3, 120));
                event.place = std::string(rng.pick(kVenues)) + ", " + std::string(city);
                break;
            case EventKind::Tweetup:
                event.place = std::string(rng.pick(kVenues)) + ", " + std::string(city);
                event.name = "Tweetup at " + std::string(part(event.place, ',', 0));
                break;
            case EventKind::Other:
                event.name = std::string(rng.pick(kOtherEvents));
                event.place = std::string(city);
                break;
        }
        if (rng.chance(0.4)) event.notes = "Good crowd; follow up with the people from the hallway track.";
    }

    // --- Contacts. The first six show off the scripts and diacritics search has to handle. ---
    struct Pinned {
        std::size_t culture;
        bool female;
        std::string_view given, family;  // native spellings; family empty: random
    };
    constexpr Pinned kPinned[] = {{4, true, "Zoë", ""},
                                  {1, false, "Søren", ""},
                                  {2, false, "Łukasz", ""},
                                  {3, true, "Ana María", ""},
                                  {kGreek, false, "Δημήτρης", "Παπαδόπουλος"},
                                  {kCyrillic, true, "Анна", "Иванов"}};
    const auto find_entry = [](std::span<const std::string_view> list, std::string_view native) {
        for (const std::string_view entry : list) {
            if (part(entry, '|', 0) == native) return entry;
        }
        return list.front();
    };

    std::array<double, std::size(kCultures)> culture_weights{};
    for (std::size_t k = 0; k < culture_weights.size(); ++k) culture_weights[k] = kCultures[k].weight;
    // Dunbar-like layers: few in the inner circle, many acquaintances.
    constexpr std::array kTierWeights{8.0, 1.0, 3.0, 8.0, 20.0, 40.0, 20.0};  // None, Inner .. Recognisable
    constexpr std::array kCadences{0, 14, 30, 60, 90, 180, 365};            // per tier, 0: none

    std::vector<Contact> contacts(size.contacts);
    std::vector<Id> contact_ids(size.contacts);
    for (Id& id : contact_ids) id = ids.next();
    std::unordered_set<std::string> used_names;
    std::unordered_map<std::string, int> used_slugs, used_handles;
    for (std::size_t i = 0; i < contacts.size(); ++i) {
        Contact& c = contacts[i];
        const bool pinned = i < std::size(kPinned);
        const std::size_t culture_index = pinned ? kPinned[i].culture : rng.weighted(culture_weights);
        const Culture& culture = kCultures[culture_index];
        const bool female = pinned ? kPinned[i].female : rng.chance(0.5);
        const std::span<const std::string_view> givens = female ? culture.female : culture.male;

        // A name nobody else in the sample has; at large sizes a double-barrelled family name, then
        // with a middle initial too, and only then a repeat.
        Person given, family;
        std::string middle;
        for (int attempt = 0; attempt < 32; ++attempt) {
            given = given_name(pinned ? find_entry(givens, kPinned[i].given) : rng.pick(givens));
            family = family_name(pinned && !kPinned[i].family.empty() ? find_entry(culture.family, kPinned[i].family)
                                                                      : rng.pick(culture.family),
                                 female);
            middle.clear();
            if (attempt >= 8 && !pinned) {
                Person second = family_name(rng.pick(culture.family), female);
                if (second.native != family.native) {
                    if (second.native < family.native) std::swap(family, second);  // one order only
                    family.native += "-" + second.native;
                    family.latin += second.latin;
                }
            }
            if (attempt >= 24) middle = std::string(first_letter(given_name(rng.pick(givens)).native)) + ".";
            if (used_names.insert(given.native + " " + middle + " " + family.native).second) break;
        }
        c.meta = meta_for(contact_ids[i], now - rng.between(1, 3 * 365) * kDay - rng.between(0, 86'399) * 1000, now, rng);
        c.given_name = given.native;
        c.family_name = family.native;
        if (!rng.chance(0.05)) {  // a few have only given and family names
            c.display_name = given.native + " " + (middle.empty() ? "" : middle + " ") + family.native;
        }
        if (!given.nickname.empty() && rng.chance(0.5)) c.nickname = given.nickname;

        const std::string slug = unique(used_slugs, given.latin + "." + family.latin);
        std::string company_domain;
        if (rng.chance(0.85)) {
            // Few companies in a small sample (one per dozen people), so its map shows worlds.
            const std::size_t companies = std::clamp<std::size_t>(size.contacts / 12, 4, std::size(kCompanies));
            c.company = std::string(kCompanies[rng.below(companies)]);
            c.title = std::string(rng.pick(kTitles));
            company_domain = ascii_slug(c.company) + ".example";
        }
        const std::string_view city = rng.chance(0.7)
                                          ? kCities[culture.city_begin + rng.below(culture.city_end - culture.city_begin)]
                                          : rng.pick(kCities);
        c.city = std::string(part(city, '|', 0));
        c.region = std::string(part(city, '|', 1));
        c.country = std::string(part(city, '|', 2));

        if (rng.chance(0.75)) c.emails.push_back({slug + "@" + (company_domain.empty() ? "example.org" : company_domain), "work"});
        if (rng.chance(0.2)) c.emails.push_back({slug + "@" + std::string(rng.pick({"example.com", "example.net", "mail.example"})), "home"});
        if (rng.chance(0.45)) {
            std::string phone = std::string(part(city, '|', 3)) + " " + std::to_string(rng.between(10, 99)) + " ";
            for (int d = 0; d < 7; ++d) phone.push_back(static_cast<char>('0' + rng.below(10)));
            c.phones.push_back({std::move(phone), "mobile"});
        }
        const std::string handle = unique(used_handles, given.latin + family.latin);
        const std::size_t handle_count = rng.weighted(std::array{3.0, 4.0, 2.0, 1.0});
        for (std::size_t h = 0; h < handle_count; ++h) {
            const auto kind = static_cast<HandleKind>(rng.weighted(std::array{4.0, 5.0, 2.0, 2.0, 3.0, 1.0, 0.5}));
            if (std::any_of(c.handles.begin(), c.handles.end(), [&](const Handle& x) { return x.kind == kind; })) continue;
            std::string value;
            switch (kind) {
                case HandleKind::X: value = "@" + handle; break;
                case HandleKind::LinkedIn: value = "https://www.linkedin.com/in/" + handle; break;
                case HandleKind::Mastodon:
                    value = "@" + handle + "@" + std::string(rng.pick({"mastodon.social", "hachyderm.io", "fosstodon.org"}));
                    break;
                case HandleKind::Bluesky: value = "@" + handle + ".bsky.social"; break;
                case HandleKind::GitHub: value = "https://github.com/" + handle; break;
                case HandleKind::Website: value = "https://" + handle + ".example"; break;
                case HandleKind::Other: value = "matrix:@" + handle + ":matrix.org"; break;
            }
            c.handles.push_back(Handle{kind, std::move(value)});
        }
        const std::size_t tag_count = rng.weighted(std::array{3.0, 4.0, 2.0, 1.0});
        for (std::size_t t = 0; t < tag_count; ++t) {
            const std::string tag(rng.pick(kTags));
            if (std::find(c.tags.begin(), c.tags.end(), tag) == c.tags.end()) c.tags.push_back(tag);
        }
        c.tier = static_cast<Tier>(rng.weighted(kTierWeights));
        const int cadence = kCadences[static_cast<std::size_t>(c.tier)];
        if (cadence > 0 && rng.chance(c.tier <= Tier::Friends ? 0.8 : 0.25)) c.cadence_days = cadence;
        if (rng.chance(0.6)) c.how_met = std::string(rng.pick(kHowMet));
        if (!events.empty() && rng.chance(0.1)) {
            const std::size_t e = rng.below(events.size());
            c.met_at = events[e].meta.id;
            c.first_met = events[e].date;
            c.how_met = "Met at " + events[e].name;
        } else if (rng.chance(0.7)) {
            c.first_met = days_before(today, rng.between(30, 3650));
        }
        if (i > 0 && rng.chance(0.12)) {  // mostly by a colleague met before
            std::size_t by = rng.below(i);
            for (int attempt = 0; attempt < 8 && contacts[by].company != c.company && rng.chance(0.8); ++attempt) by = rng.below(i);
            c.introduced_by = contact_ids[by];
        }
        if (rng.chance(0.3)) c.notes = std::string(rng.pick(kContactNotes));
        c.archived = rng.chance(0.03);
    }

    // --- A bridge: the last few work together at a company you know through one of them only,
    // whom you last wrote to months ago (the Map rings them, Today says they are going cold). ---
    const std::size_t quiet = size.contacts >= 20 ? 3 : 0;  // colleagues you never talked to
    const std::size_t bridge = quiet ? size.contacts - quiet - 1 : size.contacts;
    for (std::size_t i = bridge; i < contacts.size(); ++i) {
        Contact& c = contacts[i];
        c.company = std::string(kBridgeCompany);
        for (ContactPoint& email : c.emails)  // their work address at their new company
            if (email.label == "work") email.value = email.value.substr(0, email.value.find('@')) + "@terntide.example";
        c.met_at.reset();
        c.archived = false;
        c.snoozed_until.reset();
        if (i > bridge) {
            c.tier = Tier::None;
            c.cadence_days.reset();
            c.how_met = "Works with " + contacts[bridge].given_name;
            c.first_met.reset();
        }
        c.introduced_by.reset();  // their only links are each other
    }
    // Events and opportunities involve the others only: the bridge's one touch is below.
    const std::vector<Id> reachable(contact_ids.begin(), contact_ids.begin() + static_cast<std::ptrdiff_t>(bridge));

    // --- Event attendees: who met there, and a few others. ---
    for (std::size_t e = 0; e < events.size(); ++e) {
        Event& event = events[e];
        for (const Contact& c : contacts) {
            if (c.met_at == event.meta.id) event.attendees.push_back(c.meta.id);
        }
        // A few others, mostly from one company (a company's meetup, a team at a conference).
        const std::size_t others = reachable.empty() ? 0 : static_cast<std::size_t>(rng.between(2, 12));
        if (others == 0) continue;
        const std::string& host = contacts[rng.below(reachable.size())].company;
        std::vector<Id> colleagues;
        for (std::size_t i = 0; i < reachable.size(); ++i)
            if (!host.empty() && contacts[i].company == host) colleagues.push_back(contact_ids[i]);
        for (std::size_t n = 0, attempt = 0; n < others && attempt < 50; ++attempt) {
            const Id id = !colleagues.empty() && rng.chance(0.85) ? colleagues[rng.below(colleagues.size())]
                                                                  : reachable[rng.below(reachable.size())];
            if (std::find(event.attendees.begin(), event.attendees.end(), id) != event.attendees.end()) continue;
            event.attendees.push_back(id);
            ++n;
        }
    }

    // --- Interactions: closer circles hear from us more often; recent months are busier. ---
    if (!contacts.empty()) {
        constexpr std::array kTierActivity{0.5, 30.0, 15.0, 6.0, 3.0, 1.0, 0.5};
        std::vector<double> activity(contacts.size());
        for (std::size_t i = 0; i < contacts.size(); ++i) {
            activity[i] = kTierActivity[static_cast<std::size_t>(contacts[i].tier)] * (contacts[i].archived ? 0.2 : 1.0);
        }
        for (std::size_t i = bridge; i < contacts.size(); ++i) activity[i] = 0;  // the bridge gets one touch, below
        const WeightedPicker picker(activity);
        std::unordered_map<std::string, std::vector<std::size_t>> by_company;
        for (std::size_t i = 0; i < bridge; ++i)
            if (!contacts[i].company.empty()) by_company[contacts[i].company].push_back(i);
        constexpr std::array kKindWeights{10.0, 14.0, 14.0, 8.0, 10.0, 10.0, 6.0, 6.0, 3.0, 4.0, 3.0, 8.0};
        constexpr std::size_t kOpenSoon = 5;  // the last few have open follow-ups due about now
        for (std::size_t k = 0; k < size.interactions; ++k) {
            Interaction it;
            const bool open_soon = k + kOpenSoon >= size.interactions;
            it.kind = k < kKindWeights.size() ? static_cast<InteractionKind>(k)
                                              : static_cast<InteractionKind>(rng.weighted(kKindWeights));
            const int days_ago = open_soon ? rng.between(0, 10) : static_cast<int>(730.0 * std::pow(rng.unit(), 1.3));
            it.date = days_before(today, days_ago);
            if (rng.chance(0.7)) it.minute_of_day = rng.between(8 * 60, 22 * 60);
            const std::size_t count = rng.chance(0.75) ? 1 : rng.chance(0.7) ? 2 : 3;
            // A touch with several people is mostly among colleagues of the first: the worlds the map shows.
            const bool to_bridge = k == 0 && bridge < contacts.size();  // 5 months ago, the bridge's only touch
            const std::size_t first = to_bridge ? bridge : picker.pick(rng);
            if (to_bridge) it.date = days_before(today, 150);
            it.participants.push_back(contact_ids[first]);
            const std::vector<std::size_t>* colleagues = nullptr;
            if (const auto at = by_company.find(contacts[first].company); at != by_company.end() && at->second.size() > 1)
                colleagues = &at->second;
            for (int attempt = 0; !to_bridge && it.participants.size() < std::min(count, contacts.size()) && attempt < 20; ++attempt) {
                const Id id = colleagues && rng.chance(0.92) ? contact_ids[(*colleagues)[rng.below(colleagues->size())]]
                                                             : contact_ids[picker.pick(rng)];
                if (std::find(it.participants.begin(), it.participants.end(), id) == it.participants.end())
                    it.participants.push_back(id);
            }
            it.initiator = static_cast<Initiator>(rng.weighted(std::array{0.15, 0.45, 0.40}));
            switch (it.kind) {
                case InteractionKind::Call:
                case InteractionKind::VideoCall: if (rng.chance(0.7)) it.duration_minutes = rng.between(10, 90); break;
                case InteractionKind::Coffee: if (rng.chance(0.7)) it.duration_minutes = rng.between(20, 90); break;
                case InteractionKind::MealOrDrinks: if (rng.chance(0.7)) it.duration_minutes = rng.between(60, 180); break;
                case InteractionKind::Meetup: if (rng.chance(0.7)) it.duration_minutes = rng.between(60, 240); break;
                default: break;
            }
            if (rng.chance(0.6)) it.notes = std::string(rng.pick(kInteractionNotes));
            if (open_soon) {
                it.follow_up = FollowUp{Date{today.days + rng.between(-1, 7)}, std::string(rng.pick(kFollowUps)), false};
            } else if (rng.chance(0.12)) {
                const Date due{it.date.days + rng.between(2, 30)};
                it.follow_up = FollowUp{due, std::string(rng.pick(kFollowUps)), due.days < today.days - 7 && rng.chance(0.9)};
            }
            const Millis at = midnight_utc(it.date) + (it.minute_of_day ? *it.minute_of_day : 12 * 60) * kMinute;
            it.meta = meta_for(ids.next(), at + rng.between(0, 120) * kMinute, now, rng);
            change.records.emplace_back(std::move(it));
        }
    }

    // --- Opportunities: every kind and status, each through one or two people. ---
    for (std::size_t o = 0; o < size.opportunities; ++o) {
        Opportunity op;
        op.kind = static_cast<OpportunityKind>(o % 6);
        op.status = static_cast<OpportunityStatus>((o / 6 + o) % 3);
        op.date = days_before(today, op.status == OpportunityStatus::Open ? rng.between(0, 60) : rng.between(30, 365));
        op.contacts = pick_people(rng, reachable, {}, rng.chance(0.7) ? 1 : 2);
        const std::string company(rng.pick(kCompanies));
        switch (op.kind) {
            case OpportunityKind::Job:
                op.title = std::string(rng.pick(kTitles)) + " role at " + company;
                op.value = 1000.0 * rng.between(60, 150);
                break;
            case OpportunityKind::Client:
                op.title = "Website redesign for " + company;
                op.value = 1000.0 * rng.between(5, 80);
                break;
            case OpportunityKind::Partnership: op.title = "Partnership with " + company; break;
            case OpportunityKind::Speaking:
                op.title = "Talk at " + std::string(rng.pick(kConferences));
                if (rng.chance(0.5)) op.value = 100.0 * rng.between(5, 20);
                break;
            case OpportunityKind::Investment:
                op.title = "Seed round from " + company;
                op.value = 5000.0 * rng.between(5, 100);
                break;
            case OpportunityKind::Other: op.title = "Podcast guest spot"; break;
        }
        if (rng.chance(0.5)) op.notes = "Next step: a call in two weeks.";
        op.meta = meta_for(ids.next(), midnight_utc(op.date) + rng.between(9 * 60, 18 * 60) * kMinute, now, rng);
        change.records.emplace_back(std::move(op));
    }

    for (Contact& c : contacts) change.records.emplace_back(std::move(c));
    for (Event& e : events) change.records.emplace_back(std::move(e));
    return change;
}

}  // namespace ties
