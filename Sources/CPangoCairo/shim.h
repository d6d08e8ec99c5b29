#ifndef KRAV_PANGOCAIRO_SHIM_H
#define KRAV_PANGOCAIRO_SHIM_H
/*
 * C side of KravPDF: cairo's PDF and PNG surfaces and pango's text layout on cairo.
 *
 * Only KravPDF imports this module. Swift cannot use the function-like macros pango and
 * glib define (PANGO_SCALE is a plain constant, but G_OBJECT casts are macros), so the few
 * needed are wrapped in static inline functions here.
 */
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <glib-object.h>

static inline int krav_pango_scale(void) { return PANGO_SCALE; }
static inline void krav_g_object_unref(void *object) { g_object_unref(object); }

#endif
