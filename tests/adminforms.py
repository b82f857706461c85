"""The data an admin change (or revision) page would post back unchanged."""

from django.utils import timezone


def _put(data, name, value):
    if value is None:
        return
    if hasattr(value, "hour"):  # split date/time widget
        value = timezone.localtime(value)
        data[name + "_0"] = value.strftime("%d.%m.%Y")
        data[name + "_1"] = value.strftime("%H:%M:%S")
    elif isinstance(value, list):
        data[name] = [str(item) for item in value]
    else:
        data[name] = value


def form_data(response) -> dict:
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        _put(data, name, form[name].value())
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
        for subform in formset.forms:
            for name in subform.fields:
                _put(data, subform.add_prefix(name), subform[name].value())
    return data
