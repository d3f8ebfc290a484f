include(CMakeFindDependencyMacro)
# ctnn was installed with or_model (CTNN_INSTALL), into the same prefix.
find_dependency(ctnn COMPONENTS io)
include("${CMAKE_CURRENT_LIST_DIR}/or_modelTargets.cmake")
