import { useEffect, useState } from 'react';
import { getRouteApi } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SlackChannelList, SlackStatus, SlackTestResponse, StartSlackInstallResponse } from '@adloop/contracts';
import { api } from '../../lib/api.ts';
import { formErrors } from '../../lib/form-errors.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { SelectField } from '../../components/ui/field.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from '../settings/settings-layout.tsx';
import { KindsField } from '../webhooks/webhook-kinds.tsx';

const route = getRouteApi('/orgs/$orgId/settings/slack');
const slackKey = (orgId: string) => ['orgs', orgId, 'slack'] as const;

/** Settings › Slack: "Add to Slack", the channel Adloop posts to, which kinds, a test message, and removal. */
export function SlackPage() {
  const { org } = useCurrentOrg();
  const search = route.useSearch();
  const status = useQuery({ queryKey: slackKey(org.id), queryFn: () => api.get<SlackStatus>(`/orgs/${org.id}/slack`) });
  const start = useMutation({
    mutationFn: () => api.post<StartSlackInstallResponse>(`/orgs/${org.id}/slack/authorize`),
    onSuccess: (started) => window.location.assign(started.authorizeUrl),
  });
  return (
    <>
      <PageHeader title="Slack" description="Post the notifications your team should see to a Slack channel, each with a button back into Adloop." />
      {search.connected && <Alert tone="success" title="Slack is connected">Choose the channel Adloop posts to below.</Alert>}
      {search.error && <Alert tone="error" title="Slack was not connected">{search.error}</Alert>}
      {status.isPending ? <LoadingState label="Loading Slack settings…" />
        : status.isError ? <ErrorState error={status.error} orgId={org.id} onRetry={() => void status.refetch()} />
        : !status.data.available ? <Alert tone="info">Slack is not offered on this installation: no Slack app is configured (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET).</Alert>
        : !status.data.canManage ? <Alert tone="info">{status.data.install ? `Adloop posts to #${status.data.install.channelName ?? '…'} in ${status.data.install.teamName}. ` : 'Slack is not connected. '}Only owners and admins can change Slack settings.</Alert>
        : !status.data.install ? (
          <Section title="Connect Slack">
            <p className="mb-4 text-sm text-gray-600">{status.data.sandbox ? 'Sandbox mode: this connects the local Slack sandbox workspace.' : 'You will be asked to allow Adloop in your Slack workspace.'}</p>
            <Button isLoading={start.isPending} onClick={() => start.mutate()}>Add to Slack</Button>
            <FormError message={start.error ? (start.error as Error).message : null} />
          </Section>
        ) : <Installed orgId={org.id} status={status.data} onReconnect={() => start.mutate()} reconnecting={start.isPending} />}
    </>
  );
}

function Installed({ orgId, status, onReconnect, reconnecting }: { orgId: string; status: SlackStatus; onReconnect: () => void; reconnecting: boolean }) {
  const install = status.install!;
  const queryClient = useQueryClient();
  const [channelId, setChannelId] = useState(install.channelId ?? '');
  const [kinds, setKinds] = useState<string[]>(install.kinds);
  const [removing, setRemoving] = useState(false);
  useEffect(() => setKinds(install.kinds), [install.kinds]);
  const tokenDead = install.state === 'broken' && ['token_revoked', 'invalid_auth', 'account_inactive', 'token_expired'].includes(install.brokenReason ?? '');
  const channels = useQuery({ queryKey: [...slackKey(orgId), 'channels'], queryFn: () => api.get<SlackChannelList>(`/orgs/${orgId}/slack/channels`), enabled: !tokenDead, retry: false });
  const save = useMutation({
    mutationFn: () => api.put<SlackStatus>(`/orgs/${orgId}/slack`, { ...(channelId ? { channelId } : {}), kinds }),
    onSuccess: (next) => queryClient.setQueryData(slackKey(orgId), next),
  });
  const test = useMutation({ mutationFn: () => api.post<SlackTestResponse>(`/orgs/${orgId}/slack/test`) });
  const errors = formErrors(save.error, ['channelId', 'kinds']);
  const options = [{ value: '', label: 'Choose a channel…' }, ...(channels.data?.channels ?? []).map((c) => ({ value: c.id, label: `${c.isPrivate ? '🔒 ' : '#'}${c.name}` }))];
  return (
    <>
      <Section title="Workspace">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-gray-700">Connected to <strong>{install.teamName}</strong>{install.channelName ? <> · posting to <strong>#{install.channelName}</strong></> : ' · no channel chosen yet'}</p>
          {install.state === 'active' ? <Badge tone="green">Working</Badge> : <Badge tone="red">Not working</Badge>}
        </div>
        {install.state === 'broken' && (
          <div className="mt-3">
            <Alert tone="warning" title={tokenDead ? 'Slack stopped accepting Adloop’s messages' : 'Adloop cannot post to the chosen channel'}>
              Slack answered {install.brokenReason}. {tokenDead ? 'Add Slack again to resume notifications.' : 'Choose another channel and save.'}
            </Alert>
            {tokenDead && <div className="mt-2"><Button isLoading={reconnecting} onClick={onReconnect}>Add to Slack again</Button></div>}
          </div>
        )}
        {status.sandboxPageUrl && <p className="mt-2 text-sm"><a className="font-medium text-indigo-700 underline" href={status.sandboxPageUrl} target="_blank" rel="noreferrer">Open the Slack sandbox’s messages</a></p>}
      </Section>
      <Section title="Channel and notifications">
        <form className="space-y-4" aria-label="Slack channel and notifications" noValidate onSubmit={(event) => { event.preventDefault(); save.mutate(); }}>
          {channels.isError ? <FormError message={`Could not list channels: ${(channels.error as Error).message}`} /> : (
            <SelectField label="Channel" name="channelId" value={channelId} onChange={(event) => setChannelId(event.currentTarget.value)} options={options} error={errors.fields.channelId}
              hint={channels.isPending && !tokenDead ? 'Loading channels…' : 'Public channels, and private ones Adloop was invited to.'} disabled={tokenDead} />
          )}
          <KindsField value={kinds} onChange={setKinds} error={errors.fields.kinds} />
          <FormError message={errors.form} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" isLoading={save.isPending} disabled={tokenDead}>Save</Button>
            <Button type="button" variant="secondary" isLoading={test.isPending} disabled={!install.channelId || install.state !== 'active'} onClick={() => test.mutate()}>Send test message</Button>
          </div>
          {save.isSuccess && <p role="status" className="text-sm text-green-700">Saved.</p>}
          {test.isSuccess && <p role="status" className="text-sm text-green-700">Test message sent to #{install.channelName}.</p>}
          <FormError message={test.error ? (test.error as Error).message : null} />
        </form>
      </Section>
      <Section title="Disconnect">
        <p className="mb-3 text-sm text-gray-600">Adloop stops posting and its access to the workspace is revoked.</p>
        <Button variant="secondary" onClick={() => setRemoving(true)}>Disconnect Slack</Button>
        <ConfirmDialog open={removing} onOpenChange={setRemoving} title={`Disconnect Slack (${install.teamName})?`}
          description="Nothing more is posted to Slack and Adloop’s access is revoked. You can add Slack again later." confirmLabel="Disconnect Slack"
          onConfirm={async () => { await api.delete(`/orgs/${orgId}/slack`); await queryClient.invalidateQueries({ queryKey: slackKey(orgId) }); }} />
      </Section>
    </>
  );
}
