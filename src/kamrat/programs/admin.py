from django.contrib import admin

from .models import Area, CrisisContact, Program, Workplace


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0


class WorkplaceInline(admin.TabularInline):
    model = Workplace
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "default_language", "is_public"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AreaInline, WorkplaceInline]


@admin.register(CrisisContact)
class CrisisContactAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "country", "kind", "position"]
    list_filter = ["country"]
