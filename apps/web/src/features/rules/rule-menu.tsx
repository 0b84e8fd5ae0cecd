import * as Menu from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { menuContent, menuItem } from '../shell/org-switcher.tsx';
import type { Rule } from './rule-types.ts';
import type { useRuleCommands } from './rules-api.ts';
import { ConfirmDelete } from './rule-controls.tsx';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong');

/** A rule's further actions: run now (says it is running until the run is done), edit, duplicate, delete (asks first). */
export function RuleMenu({ orgId, rule, commands, onError, onDeleted }: { orgId: string; rule: Rule; commands: ReturnType<typeof useRuleCommands>; onError: (message: string | null) => void; onDeleted?: () => void }) {
  const navigate = useNavigate();
  const [isDeleting, setDeleting] = useState(false);
  const isRunning = commands.runNow.isPending && commands.runNow.variables === rule.id;
  const runNow = () =>
    commands.runNow.mutateAsync(rule.id).then(
      (run) => void navigate({ to: '/orgs/$orgId/rules/$ruleId', params: { orgId, ruleId: rule.id }, search: { run: run.id } }),
      (error: unknown) => onError(messageOf(error)),
    );
  const duplicate = () =>
    commands.command.mutateAsync({ ruleId: rule.id, command: 'duplicate' }).then(
      (copy) => void navigate({ to: '/orgs/$orgId/rules/$ruleId/edit', params: { orgId, ruleId: copy.id } }),
      (error: unknown) => onError(messageOf(error)),
    );
  return (
    <>
      {isRunning && (
        <span role="status" className="mr-2 inline-flex items-center gap-1 text-xs text-gray-600">
          <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-indigo-600" />
          Running…
        </span>
      )}
      <Menu.Root modal={false}>
        <Menu.Trigger className="rounded-md px-2 py-1 text-xs font-semibold text-gray-700 ring-1 ring-gray-300 ring-inset hover:bg-gray-50">
          More<span className="sr-only"> actions for {rule.name}</span>
        </Menu.Trigger>
        <Menu.Content className={menuContent} align="end" sideOffset={4}>
          <Menu.Item className={menuItem} disabled={isRunning} onSelect={() => void runNow()}>
            {isRunning ? 'Running…' : 'Run now'}
          </Menu.Item>
          <Menu.Item className={menuItem} onSelect={() => void navigate({ to: '/orgs/$orgId/rules/$ruleId/edit', params: { orgId, ruleId: rule.id } })}>
            Edit
          </Menu.Item>
          <Menu.Item className={menuItem} onSelect={() => void duplicate()}>
            Duplicate
          </Menu.Item>
          <Menu.Separator className="my-1 h-px bg-gray-100" />
          <Menu.Item className={`${menuItem} text-red-700`} onSelect={() => setDeleting(true)}>
            Delete…
          </Menu.Item>
        </Menu.Content>
      </Menu.Root>
      <ConfirmDelete
        open={isDeleting}
        onOpenChange={setDeleting}
        name={rule.name}
        onConfirm={async () => {
          await commands.remove.mutateAsync(rule.id);
          onDeleted?.();
        }}
      />
    </>
  );
}
