import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../lib/api.ts';
import { canManageOrg } from '../../lib/queries.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { SaveBar } from '../../components/ui/button.tsx';
import { Section } from '../../components/ui/card.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from '../settings/settings-layout.tsx';
import { NotificationMatrix } from './notification-matrix.tsx';
import { cellKey, notificationKeys, saveDefaults, saveMyPreferences, toMap, useCatalogue, useMyPreferences, type CatalogueEntry, type CellChange, type MyPreferences, type PersonSettings } from './notification-settings-api.ts';

const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

function useSaving() {
  const [isSaving, setSaving] = useState(false);
  const [isSaved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<void>) => {
    setError(null);
    setSaving(true);
    try {
      await work();
      setSaved(true);
    } catch (e) {
      setError(isApiError(e) ? e.message : 'Could not save. Try again.');
    } finally {
      setSaving(false);
    }
  };
  return { isSaving, isSaved, error, run, dirty: () => setSaved(false) };
}

function MineForm({ orgId, kinds, prefs }: { orgId: string; kinds: CatalogueEntry[]; prefs: MyPreferences }) {
  const queryClient = useQueryClient();
  const defaults = toMap(prefs.defaults);
  const [mine, setMine] = useState(() => toMap(prefs.mine));
  const [settings, setSettings] = useState<PersonSettings>(prefs.settings);
  const [quiet, setQuiet] = useState(prefs.settings.quietStart !== null);
  const saving = useSaving();
  const effective = (kind: string, channel: string) => mine.get(cellKey(kind, channel)) ?? defaults.get(cellKey(kind, channel)) ?? true;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes: CellChange[] = [];
    for (const k of kinds) {
      for (const channel of ['in_app', 'email'] as const) {
        const key = cellKey(k.kind, channel);
        const fallback = defaults.get(key) ?? true;
        const chosen = mine.get(key);
        // A choice equal to the default follows the default from now on.
        changes.push({ kind: k.kind, channel, enabled: chosen === undefined || chosen === fallback ? null : chosen });
      }
    }
    const body = { preferences: changes, settings: quiet ? settings : { ...settings, quietStart: null, quietEnd: null } };
    void saving.run(async () => {
      const saved = await saveMyPreferences(orgId, body);
      queryClient.setQueryData(notificationKeys.mine(orgId), saved);
    });
  };

  return (
    <form onSubmit={submit} className="space-y-6" noValidate>
      <Section title="What reaches you" description="Tick where each kind of notification reaches you in this organisation. Unticked cells that follow the organisation’s default say so.">
        <NotificationMatrix
          caption="Your notifications"
          kinds={kinds}
          value={effective}
          note={(kind, channel) => (mine.has(cellKey(kind, channel)) ? null : `Default: ${(defaults.get(cellKey(kind, channel)) ?? true) ? 'on' : 'off'}`)}
          onToggle={(kind, channel, enabled) => {
            setMine((m) => new Map(m).set(cellKey(kind, channel), enabled));
            saving.dirty();
          }}
        />
      </Section>
      <Section title="Quiet hours and digest" description="Critical notifications (a connection that needs reconnecting, the kill switch, security alerts) always go out at once, even during quiet hours.">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Time zone"
            name="settings.timeZone"
            value={settings.timeZone}
            options={ZONES.map((z) => ({ value: z, label: z }))}
            onChange={(e) => {
              setSettings({ ...settings, timeZone: e.currentTarget.value });
              saving.dirty();
            }}
          />
          <SelectField
            label="Digest for low-severity emails"
            name="settings.digest"
            hint="Informational emails batched into one email instead of one each."
            value={settings.digest}
            options={[
              { value: 'off', label: 'Off: send each one' },
              { value: 'hourly', label: 'Hourly' },
              { value: 'daily', label: 'Daily (after 08:00)' },
            ]}
            onChange={(e) => {
              setSettings({ ...settings, digest: e.currentTarget.value as PersonSettings['digest'] });
              saving.dirty();
            }}
          />
        </div>
        <label className="mt-4 flex items-center gap-2 text-sm text-gray-800">
          <input type="checkbox" className="size-4 rounded border-gray-300 text-indigo-600" checked={quiet} onChange={(e) => { setQuiet(e.currentTarget.checked); if (e.currentTarget.checked && !settings.quietStart) setSettings({ ...settings, quietStart: '22:00', quietEnd: '07:00' }); saving.dirty(); }} />
          Hold emails during quiet hours
        </label>
        {quiet && (
          <div className="mt-3 grid gap-4 sm:grid-cols-2">
            <TextField label="Quiet from" name="settings.quietStart" type="time" value={settings.quietStart ?? ''} onChange={(e) => { setSettings({ ...settings, quietStart: e.currentTarget.value || null }); saving.dirty(); }} hint="Emails wait until quiet hours end, in your time zone." />
            <TextField label="Quiet until" name="settings.quietEnd" type="time" value={settings.quietEnd ?? ''} onChange={(e) => { setSettings({ ...settings, quietEnd: e.currentTarget.value || null }); saving.dirty(); }} />
          </div>
        )}
      </Section>
      <FormError message={saving.error} />
      <SaveBar isSaving={saving.isSaving} isSaved={saving.isSaved} />
    </form>
  );
}

function DefaultsForm({ orgId, kinds, prefs }: { orgId: string; kinds: CatalogueEntry[]; prefs: MyPreferences }) {
  const queryClient = useQueryClient();
  const [defaults, setDefaults] = useState(() => toMap(prefs.defaults));
  const saving = useSaving();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes: CellChange[] = kinds.flatMap((k) => (['in_app', 'email'] as const).map((channel) => ({ kind: k.kind, channel, enabled: (defaults.get(cellKey(k.kind, channel)) ?? true) ? null : false })));
    void saving.run(async () => {
      await saveDefaults(orgId, changes);
      await queryClient.invalidateQueries({ queryKey: notificationKeys.mine(orgId) });
    });
  };
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <Section title="Organisation defaults" description="What everyone in the organisation gets until they choose for themselves. Slack and webhooks are set up for the whole organisation on their own pages.">
        <NotificationMatrix caption="Organisation defaults" kinds={kinds} value={(kind, channel) => defaults.get(cellKey(kind, channel)) ?? true} onToggle={(kind, channel, enabled) => { setDefaults((m) => new Map(m).set(cellKey(kind, channel), enabled)); saving.dirty(); }} />
      </Section>
      <FormError message={saving.error} />
      <SaveBar isSaving={saving.isSaving} isSaved={saving.isSaved} />
    </form>
  );
}

/** Settings › Notifications: your matrix over the organisation's defaults, quiet hours, time zone and digest; admins set the defaults. */
export function NotificationSettingsPage() {
  const { org } = useCurrentOrg();
  const catalogue = useCatalogue();
  const prefs = useMyPreferences(org.id);
  return (
    <>
      <PageHeader title="Notifications" description="Choose what reaches you, where, and when. Nothing is sent twice for one event." />
      {catalogue.isPending || prefs.isPending ? (
        <LoadingState label="Loading your notification settings…" />
      ) : catalogue.isError || prefs.isError ? (
        <ErrorState error={catalogue.error ?? prefs.error} onRetry={() => void Promise.all([catalogue.refetch(), prefs.refetch()])} orgId={org.id} />
      ) : catalogue.data.kinds.length === 0 ? (
        <Alert title="No notifications yet">There is nothing to choose from.</Alert>
      ) : (
        <>
          <MineForm key={JSON.stringify(prefs.data.defaults)} orgId={org.id} kinds={catalogue.data.kinds} prefs={prefs.data} />
          {canManageOrg(org.role) && <DefaultsForm orgId={org.id} kinds={catalogue.data.kinds} prefs={prefs.data} />}
        </>
      )}
    </>
  );
}
