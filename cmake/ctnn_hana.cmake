# ctnn::hana: <ctnn/hana.hpp>, the Boost.Hana adapter (a network as a Hana sequence of layer
# views, the reports as hana::Structs). Hana is header-only, so Boost's headers are all it needs
# (Debian: libboost-dev). The core never includes it: without Boost, ctnn::hana, its tests and
# its example are skipped and everything else builds as before.
find_package(Boost 1.66 QUIET) # Hana needs Boost 1.61; 1.66 is the first with Boost::headers
if(Boost_FOUND AND TARGET Boost::headers)
  # Boost::headers' include directory is a SYSTEM one for its consumers, so Boost's own code does
  # not trip the warnings ctnn's targets build with.
  ctnn_add_component(hana Boost::headers)
else()
  message(STATUS "ctnn: Boost.Hana not found (Debian: libboost-dev); ctnn::hana, its tests and "
                 "example are skipped")
endif()
