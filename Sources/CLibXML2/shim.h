#ifndef MLAUDIT_CLIBXML2_SHIM_H
#define MLAUDIT_CLIBXML2_SHIM_H
// libxml2 built with ICU support pulls in the system's ICU headers, which clash
// with the ICU that Foundation bundles. Load the version header first and turn
// the ICU switch off before anything else from libxml2 is included.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#endif
