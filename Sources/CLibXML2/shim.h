#include <libxml/xmlversion.h>
// Foundation's ICU and libxml2's ICU headers define UErrorCode differently; Lectern needs no ICU here.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

// Swift 6 rejects the global function-pointer variable xmlFree; call it through a function.
static inline void lectern_xml_free(void *p) { xmlFree(p); }
