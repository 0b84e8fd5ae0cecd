import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, arrayContains, eq } from 'drizzle-orm';
import type { SessionList } from '@adloop/contracts';
import type { z } from 'zod';
import { notificationEvents, notifications } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import type { TestClient } from '../setup/http-client.ts';

/** Public addresses the bundled GeoLite2 Country data places (checked by ip-country.test.ts). */
const US = '8.8.8.8';
const GERMANY = '5.9.0.1';
const JAPAN = '133.11.0.1';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/18.0 Safari/605.1.15';

/**
 * Sign-ins behind a reverse proxy (TRUST_PROXY=1, the client's address in X-Forwarded-For) are placed
 * in a country: the session lists it, and the first sign-in from a country the account was never
 * used from tells the person once, instead of (not besides) the new-device notice.
 */
describe('sign-in from a new country', () => {
  let server: TestServer;
  let person: SignedUpUser;

  const eventsOf = async (kind: string) =>
    server.ctx.db.select().from(notificationEvents).where(and(eq(notificationEvents.kind, kind), arrayContains(notificationEvents.recipients, [person.user.id])));
  const bellOf = (kind: string) => server.ctx.db.select().from(notifications).where(and(eq(notifications.userId, person.user.id), eq(notifications.kind, kind)));
  const signInFrom = async (client: TestClient, ip: string, userAgent: string) => {
    const response = await client.post('/api/v1/auth/sign-in', { email: person.email, password: person.password }, { 'x-forwarded-for': ip, 'user-agent': userAgent });
    expect(response.status).toBe(200);
  };

  beforeAll(async () => {
    server = await startTestServer({ trustProxy: 1 });
    // Signed up (with an organisation, where the bell is) and first signed in from the loopback address, which is in no country.
    person = await signUpVerifiedUser(server, { organizationName: 'Travelling Ltd' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  it('the first placed sign-in sets the baseline: a new device is told, no new country', async () => {
    const laptop = server.client();
    await signInFrom(laptop, US, FIREFOX);
    expect(await eventsOf('security.new_device')).toHaveLength(1);
    expect(await eventsOf('security.new_country')).toHaveLength(0);

    const sessions = await laptop.get<z.infer<typeof SessionList>>('/api/v1/me/sessions', { 'x-forwarded-for': US });
    const current = sessions.body.items.find((s) => s.current);
    expect(current).toMatchObject({ ip: US, country: 'US' });
    expect(sessions.body.items.find((s) => !s.current)).toMatchObject({ ip: '127.0.0.1', country: null });
  });

  it('the same browser signing in from Germany minutes later is one new-country notice, flagged as impossible travel', async () => {
    const laptop = server.client();
    await signInFrom(laptop, US, FIREFOX);
    server.clock.advance(20 * 60_000);
    await signInFrom(laptop, GERMANY, FIREFOX);

    const [event, ...more] = await eventsOf('security.new_country');
    expect(more).toHaveLength(0);
    expect(event!.title).toBe('New sign-in to your Adloop account from Germany');
    expect(event!.body).toContain('from a new country: Germany (IP 5.9.0.1)');
    expect(event!.body).toContain('Until now it was used from United States.');
    expect(event!.body).toContain('20 minutes after a sign-in from United States');
    expect(event!.data).toMatchObject({ country: 'DE', knownCountries: ['US'], impossibleTravel: { fromCountry: 'US', minutes: 20 } });
    expect(await bellOf('security.new_country')).toHaveLength(1);
    const mail = await server.waitForEmail(person.email, /from Germany$/);
    expect(mail.text).toContain('Germany (IP 5.9.0.1)');
    // The browser was known (its device cookie): no new-device notice besides.
    expect(await eventsOf('security.new_device')).toHaveLength(1);

    const sessions = await laptop.get<z.infer<typeof SessionList>>('/api/v1/me/sessions', { 'x-forwarded-for': GERMANY });
    expect(sessions.body.items.find((s) => s.current)).toMatchObject({ ip: GERMANY, country: 'DE' });
    expect(sessions.body.items.map((s) => s.country)).toEqual(expect.arrayContaining(['US', 'DE', null]));
  });

  it('a known country again tells nothing new; a new browser there is a new-device notice naming the country', async () => {
    await signInFrom(server.client(), GERMANY, SAFARI);
    expect(await eventsOf('security.new_country')).toHaveLength(1);
    const devices = await eventsOf('security.new_device');
    expect(devices).toHaveLength(2);
    expect(devices.map((e) => e.body).join('\n')).toContain('(IP 5.9.0.1) in Germany');
  });

  it('a new country long after the last sign-in is told without a travel warning, and once only', async () => {
    server.clock.advance(3 * 3_600_000);
    const laptop = server.client();
    await signInFrom(laptop, JAPAN, FIREFOX);
    await signInFrom(laptop, JAPAN, FIREFOX);
    const japan = (await eventsOf('security.new_country')).filter((e) => e.title.endsWith('from Japan'));
    expect(japan).toHaveLength(1);
    expect(japan[0]!.body).toContain('Until now it was used from ');
    expect(japan[0]!.body).not.toContain('no one travels that fast');
    expect(japan[0]!.data).toMatchObject({ country: 'JP', impossibleTravel: null });
  });
});
