// The network as GraphML (io/graphml.hpp): one node per person on the map with its facts, one
// undirected edge per link, text escaped for XML; and `export_file` names and describes it.
#include "io/exports.hpp"
#include "io/graphml.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace ties;

namespace {

const Date kToday = Date::from_ymd(2026, 12, 1);

Contact person(std::uint64_t n, std::string name, std::string company) {
    Contact c;
    c.meta.id = Id{0xC0, n};
    c.display_name = std::move(name);
    c.company = std::move(company);
    return c;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("graphml: a node per person with their cluster, an edge per link, XML-safe text") {
    Store store;
    store.load(person(1, "Ada <\"Countess\"> & Co", "Analytical Engines"));
    store.load(person(2, "Charles\x01 Babbage", "Analytical Engines"));
    store.load(person(3, "Grace Hopper", "Analytical Engines"));
    store.load(person(4, "Alone", ""));
    Contact archived = person(5, "Archived", "Analytical Engines");
    archived.archived = true;
    store.load(archived);
    const NetworkMap map = build_network_map(store, NetworkStats::build(store, kToday), kToday);
    const std::string xml = io::write_graphml(store, map);

    CHECK(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
    CHECK(count(xml, "<node id=") == 4);  // the archived person is not on the map
    CHECK(count(xml, "<edge ") == 3);     // the three colleagues, each pair once
    CHECK(xml.find("edgedefault=\"undirected\"") != std::string::npos);
    CHECK(xml.find("<data key=\"label\">Ada &lt;&quot;Countess&quot;&gt; &amp; Co</data>") != std::string::npos);
    CHECK(xml.find("<data key=\"label\">Charles Babbage</data>") != std::string::npos);  // the control character dropped
    CHECK(count(xml, "<data key=\"cluster\">Analytical Engines</data>") == 3);
    CHECK(count(xml, "<data key=\"community\">0</data>") == 3);
    CHECK(count(xml, "<data key=\"community\">-1</data>") == 1);
    CHECK(xml.find("<node id=\"p" + Id{0xC0, 1}.to_string() + "\">") != std::string::npos);
    CHECK(xml.ends_with("</graph>\n</graphml>\n"));

    const io::ExportFile file = io::export_file(store, io::ExportFormat::Graph, kToday, 0);
    REQUIRE(file.ok());
    CHECK(file.name == "ties-network-2026-12-01.graphml");
    CHECK(file.mime_type == "application/graphml+xml");
    CHECK(file.bytes == xml);
    CHECK(file.summary == "4 people, 3 links, 1 clusters");
    CHECK(io::export_format_named("graphml") == io::ExportFormat::Graph);
}
