// README snippets that need nothing but what they include themselves.
#pragma once

#include <ctnn/ctnn.hpp>

namespace readme_context {}
