import { jest } from '@jest/globals';
import { gitSource } from '../helpers/git-source-world.js';
import { makeGitRepo, makeTempDir, sourceEnv } from '../helpers/make-git-repo.js';
import { startGitHttp } from '../helpers/start-git-http.js';

const TOKEN = 'tok-debug-9Xw2';

/**
 * simple-git logs every child's spawn options, environment included, when DEBUG names it; that
 * environment holds the token. This file turns the log on before simple-git is first loaded.
 */
describe("GitSource under simple-git's debug log", () => {
  it('logs the calls but not the token, nor the header made from it', async () => {
    process.env.DEBUG = 'simple-git,simple-git:*';
    const repo = makeGitRepo({ 'specs/web.yaml': 'ID: web\n' });
    const served = makeTempDir('tend-served-');
    const home = makeTempDir();
    repo.bareClone(served.dir, 'specs.git');
    const server = await startGitHttp(served.dir, { auth: { user: 'x-access-token', password: TOKEN } });
    const logged: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });

    try {
      await gitSource(home.dir, { url: server.url('specs.git'), ref: 'main', env: sourceEnv(home.dir, { TEND_GIT_TOKEN: TOKEN }) }).read();
    } finally {
      write.mockRestore();
      delete process.env.DEBUG;
      await server.stop();
      repo.cleanup();
      served.cleanup();
      home.cleanup();
    }

    const text = logged.join('');
    expect(text).toContain('simple-git:task:fetch');
    expect(text).toContain('[environment not shown: it may hold credentials]');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
  });
});
