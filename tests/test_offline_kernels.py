"""The kernels the tests start cannot reach the network, but can reach this machine."""

import socket
import threading

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def run(code: str) -> str:
    """Run `code` in a fresh kernel started the way nbval starts one; return its printed output."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, kernel_name="python3", timeout=60).execute()
    return "".join(out.get("text", "") for out in nb.cells[0].outputs)


def test_a_kernel_cannot_resolve_or_reach_a_remote_host():
    with pytest.raises(CellExecutionError, match="Network access is blocked"):
        run("import urllib.request\nurllib.request.urlopen('http://example.com', timeout=5)")


def test_a_kernel_cannot_connect_to_a_remote_address_directly():
    with pytest.raises(CellExecutionError, match="Network access is blocked"):
        run("import socket\nsocket.create_connection(('93.184.215.14', 80), timeout=5)")


def test_a_kernel_can_still_reach_localhost():
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    accepted = threading.Thread(target=lambda: server.accept()[0].close(), daemon=True)
    accepted.start()
    try:
        assert "connected" in run(f"import socket\nsocket.create_connection(('localhost', {port}), timeout=5)\nprint('connected')")
    finally:
        accepted.join(timeout=10)
        server.close()
