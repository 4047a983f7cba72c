type Filters = { customer: string; type: string; from: string; to: string; id: string; match: string };

const input = "mt-1 block rounded-md border border-slate-300 px-3 py-2 text-sm";

/** The explorer's filters, as a GET form: the URL is the state, so a filtered view can be shared and its CSV downloaded. */
export function EventsFilterForm({ filters, customers, eventTypes }: { filters: Filters; customers: { id: string; externalId: string; name: string }[]; eventTypes: string[] }) {
  return (
    <form method="get" action="/admin/events" className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <label className="text-sm font-medium">
        Customer
        <select name="customer" defaultValue={filters.customer} className={input}>
          <option value="">Any (exact id only)</option>
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.externalId})
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        Event type
        <select name="type" defaultValue={filters.type} className={input}>
          <option value="">All types</option>
          {eventTypes.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        From (UTC)
        <input type="datetime-local" name="from" defaultValue={filters.from} className={input} />
      </label>
      <label className="text-sm font-medium">
        To (UTC)
        <input type="datetime-local" name="to" defaultValue={filters.to} className={input} />
      </label>
      <label className="text-sm font-medium">
        Event id
        <input name="id" defaultValue={filters.id} maxLength={128} placeholder="req-0001" className={`${input} font-mono`} />
      </label>
      <label className="text-sm font-medium">
        Id match
        <select name="match" defaultValue={filters.match} className={input}>
          <option value="prefix">starts with</option>
          <option value="exact">exact</option>
        </select>
      </label>
      <button className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">Show events</button>
    </form>
  );
}
